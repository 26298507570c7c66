import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { TableDetailsForm } from './TableDetailsForm.js';

/** The room is 100 × 60 units; a table is drawn 10 × 7 around its x/y (the live floor plan uses the same x/y). */
const ROOM = { width: 100, height: 60 } as const;
const SIZE = { width: 10, height: 7 } as const;
const KEY_STEP = 2;

const clamp = (value: number, max: number) => Math.round(Math.min(max, Math.max(0, value)) * 10) / 10;

/** The next free number: one more than the highest numeric table number. */
const nextNumber = (tables: Table[]) => String(Math.max(0, ...tables.map((t) => Number.parseInt(t.number, 10)).filter(Number.isFinite)) + 1);

/**
 * The floor-plan editor: click an empty spot to place a table there, drag a
 * table to move it (saved when dropped, PATCH /v1/tables/{id}), arrow keys
 * move the selected one; its details are edited beside the plan.
 */
export function FloorPlanEditor({ api, eventId, tables, onTable }: { api: Endpoints; eventId: string; tables: Table[]; onTable(table: Table): void }) {
  const { t } = useI18n();
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ id: string; dx: number; dy: number; moved: boolean } | null>(null);
  const [moving, setMoving] = useState<{ id: string; x: number; y: number } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const selected = tables.find((table) => table.id === selectedId) ?? null;

  const roomPoint = (e: { clientX: number; clientY: number }) => {
    const matrix = svg.current!.getScreenCTM()!.inverse();
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix);
    return { x: p.x, y: p.y };
  };

  const save = async (work: () => Promise<Table>) => {
    setError(null);
    try {
      const table = await work();
      onTable(table);
      return table;
    } catch (failure) {
      setError(failure);
      return null;
    }
  };

  const place = async (x: number, y: number) => {
    const table = await save(() => api.createTable(eventId, { number: nextNumber(tables), capacity: 6, x: clamp(x, ROOM.width), y: clamp(y, ROOM.height) }));
    if (table) setSelectedId(table.id);
  };

  const onFloorClick = (e: MouseEvent<SVGRectElement>) => {
    const { x, y } = roomPoint(e);
    void place(x, y);
  };

  const onTableDown = (e: PointerEvent<SVGGElement>, table: Table) => {
    e.stopPropagation();
    const p = roomPoint(e);
    drag.current = { id: table.id, dx: p.x - (table.x ?? 0), dy: p.y - (table.y ?? 0), moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    setSelectedId(table.id);
  };

  const onTableMove = (e: PointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = roomPoint(e);
    d.moved = true;
    setMoving({ id: d.id, x: clamp(p.x - d.dx, ROOM.width), y: clamp(p.y - d.dy, ROOM.height) });
  };

  const onTableUp = () => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved && moving) void save(() => api.updateTable(moving.id, { x: moving.x, y: moving.y })).then(() => setMoving(null));
  };

  const onTableKey = (e: KeyboardEvent<SVGGElement>, table: Table) => {
    const steps: Record<string, [number, number]> = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP] };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setSelectedId(table.id);
      return;
    }
    const step = steps[e.key];
    if (!step) return;
    e.preventDefault();
    setSelectedId(table.id);
    void save(() => api.updateTable(table.id, { x: clamp((table.x ?? 0) + step[0], ROOM.width), y: clamp((table.y ?? 0) + step[1], ROOM.height) }));
  };

  const freeSpot = () => {
    const i = tables.length;
    return { x: 10 + (i % 6) * 16, y: 10 + Math.floor(i / 6) * 14 };
  };

  return (
    <div className="floor-editor">
      <section className="panel" aria-labelledby="floor-editor-title">
        <div className="panel-head">
          <h2 id="floor-editor-title">{t('editor.title')}</h2>
          <button type="button" className="button button-small" onClick={() => { const s = freeSpot(); void place(s.x, s.y); }} data-testid="add-table">
            + {t('editor.addHere')}
          </button>
        </div>
        <p className="muted small">{t('editor.help')}</p>
        <ErrorBanner error={error} />
        <svg ref={svg} className="floor-editor-canvas" viewBox={`0 0 ${ROOM.width} ${ROOM.height}`} data-testid="floor-editor"
          role="group" aria-label={t('editor.label', { n: tables.length })}>
          <rect x="0" y="0" width={ROOM.width} height={ROOM.height} rx="2" className="floor" onClick={onFloorClick} data-testid="floor-canvas" />
          {tables.map((table) => {
            const at = moving?.id === table.id ? moving : { x: table.x ?? 0, y: table.y ?? 0 };
            return (
              <g key={table.id} className={`editor-table${table.id === selectedId ? ' selected' : ''}`} transform={`translate(${at.x} ${at.y})`}
                tabIndex={0} role="button" aria-pressed={table.id === selectedId}
                aria-label={t('editor.tableButton', { number: table.number, capacity: table.capacity })}
                data-table-number={table.number}
                onPointerDown={(e) => onTableDown(e, table)} onPointerMove={onTableMove} onPointerUp={onTableUp}
                onKeyDown={(e) => onTableKey(e, table)}>
                <rect x={-SIZE.width / 2} y={-SIZE.height / 2} width={SIZE.width} height={SIZE.height} rx="1.5" />
              </g>
            );
          })}
          {/* Numbers drawn over the tables, outside the buttons: their names already say them (WCAG label-in-name). */}
          <g className="editor-labels" aria-hidden="true">
            {tables.map((table) => {
              const at = moving?.id === table.id ? moving : { x: table.x ?? 0, y: table.y ?? 0 };
              return (
                <g key={table.id} transform={`translate(${at.x} ${at.y})`}>
                  <text className="table-number" y="0.5">{table.number}</text>
                  <text className="table-guests" y="2.8">{table.capacity}</text>
                </g>
              );
            })}
          </g>
        </svg>
      </section>
      <section className="panel" aria-labelledby="table-details-title">
        <h2 id="table-details-title">{selected ? t('editor.selected', { number: selected.number }) : t('editor.none')}</h2>
        {selected && <TableDetailsForm key={selected.id} api={api} table={selected} onSaved={onTable} />}
      </section>
    </div>
  );
}
