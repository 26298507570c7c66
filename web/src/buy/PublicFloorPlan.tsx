import type { PublicTables } from '../api/types.js';
import { layout } from '../dashboard/floorGeometry.js';
import { FloorRoom } from '../dashboard/FloorRoom.js';
import { useI18n } from '../i18n/index.js';

type PublicTable = PublicTables['items'][number];

const RADIUS = 8;

/**
 * The room as the owner drew it (the dashboard's floor plan, same x/y):
 * tables that can be booked are buttons that pick the table, taken ones
 * greyed. The list of tables below it stays, for whoever cannot use a drawing.
 */
export function PublicFloorPlan({ tables, chosenId, disabled, onChoose }: {
  tables: PublicTable[];
  chosenId: string | null;
  disabled: boolean;
  onChoose(table: PublicTable): void;
}) {
  const { t } = useI18n();
  const spots = layout(tables);
  if (spots.length === 0) return null;
  const height = Math.max(...spots.map((s) => s.y)) + RADIUS + 4;
  return (
    <FloorRoom height={height} label={t('tables.planLabel')} className="floor-plan public-floor-plan" testId="public-floor-plan">
        {spots.map(({ table, x, y }) => {
          const open = table.available && !disabled;
          const label = table.available ? t('tables.table', { number: table.number }) : `${t('tables.table', { number: table.number })} · ${t('tables.taken')}`;
          return (
            <g key={table.id}>
              <g
                className={`floor-table ${table.available ? 'status-free' : 'status-taken'}${open ? ' clickable' : ''}${chosenId === table.id ? ' chosen' : ''}`}
                transform={`translate(${x} ${y})`}
                role={open ? 'button' : 'img'}
                tabIndex={open ? 0 : undefined}
                aria-pressed={open ? chosenId === table.id : undefined}
                aria-label={label}
                onClick={open ? () => onChoose(table) : undefined}
                onKeyDown={open ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onChoose(table)) : undefined}
                data-table-number={table.number}
              >
                <title>{label}</title>
                <circle r={RADIUS} />
              </g>
              {/* Beside the button, not in it: its name already says this (WCAG label-in-name). */}
              <g className="floor-table" transform={`translate(${x} ${y})`} aria-hidden="true">
                <text className="table-number" y="1">{table.number}</text>
              </g>
            </g>
          );
        })}
    </FloorRoom>
  );
}
