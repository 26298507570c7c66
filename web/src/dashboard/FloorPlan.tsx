import type { Reservation, Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney } from '../shared/format.js';
import { layout } from './floorGeometry.js';
import { FloorRoom } from './FloorRoom.js';
import { reservationByTable } from './tableReservations.js';

const RADIUS = 8;

/** The room from above: one circle per table, coloured by its reservation's status, with arrivals. */
export function FloorPlan({ tables, reservations, onSelect }: {
  tables: Table[];
  reservations: Reservation[];
  onSelect(reservation: Reservation): void;
}) {
  const { t } = useI18n();
  if (tables.length === 0) return <p className="muted">{t('floor.none')}</p>;
  const byTable = reservationByTable(reservations);
  const spots = layout(tables);
  const height = Math.max(...spots.map((s) => s.y)) + RADIUS + 10;
  return (
    <FloorRoom height={height} label={t('floor.label')} className="floor-plan" testId="floor-plan" caption={(
      <figcaption className="floor-legend">
        {(['free', 'pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled'] as const).map((s) => (
          <span key={s} className={`legend-item status-${s}`}><span className="legend-swatch" />{t(`status.${s}`)}</span>
        ))}
      </figcaption>
    )}>
        {spots.map(({ table, x, y }) => {
          const r = byTable.get(table.id);
          const status = r?.status ?? 'free';
          // Spend against the minimum, the deposit held counting toward it (the API's minSpendRemainingCents).
          const spend = r && r.minSpendCents > 0
            ? { spent: formatMoney(r.minSpendCents - r.minSpendRemainingCents), minimum: formatMoney(r.minSpendCents) } : undefined;
          const label = r
            ? t('floor.tableLabel', { number: table.number, status: t(`status.${r.status}`), host: r.hostName, arrived: r.checkedInGuests, guests: r.guestCount })
              + (spend ? `, ${t('floor.spend', spend)}` : '')
            : t('floor.tableFree', { number: table.number });
          return (
            <g key={table.id}>
              <g
                className={`floor-table status-${status}${r ? ' clickable' : ''}`}
                transform={`translate(${x} ${y})`}
                onClick={r ? () => onSelect(r) : undefined}
                onKeyDown={r ? (e) => (e.key === 'Enter' || e.key === ' ') && onSelect(r) : undefined}
                tabIndex={r ? 0 : undefined}
                role={r ? 'button' : undefined}
                aria-label={label}
                data-table-number={table.number}
              >
                <title>{label}</title>
                <circle r={RADIUS} />
                {r && r.guestCount > 0 && (
                  <circle r={RADIUS} className="arrivals" pathLength={100}
                    strokeDasharray={`${Math.min(100, (r.checkedInGuests / r.guestCount) * 100)} 100`} transform="rotate(-90)" />
                )}
              </g>
              {/* Drawn beside the button, not inside it: its name already says all this (WCAG label-in-name). */}
              <g className="floor-table" transform={`translate(${x} ${y})`} aria-hidden="true">
                <text className="table-number" y="0.5">{table.number}</text>
                <text className="table-guests" y="4.6">{r ? `${r.checkedInGuests}/${r.guestCount}` : table.tier ?? ''}</text>
                {spend && <text className="table-spend" y="11.6" data-testid="table-spend">{`${spend.spent}/${spend.minimum}`}</text>}
              </g>
            </g>
          );
        })}
    </FloorRoom>
  );
}
