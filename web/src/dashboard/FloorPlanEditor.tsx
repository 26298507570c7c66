import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { clamp, ROOM, sizeOf } from './floorGeometry.js';
import { TableDetailsForm } from './TableDetailsForm.js';

const KEY_STEP = 2;

/** The next free number: one more than the highest numeric table number. */
const nextNumber = (tables: Table[]) => String(Math.max(0, ...tables.map((t) => Number.parseInt(t.number, 10)).filter(Number.isFinite)) + 1);

/**
 * The floor-plan editor: click an empty spot to place a table there, drag a
 * table to move it or its corner handle to size it (saved when dropped,
 * PATCH /v1/tables/{id}), arrow keys move the selected one; its details,
 * size included, are edited beside the plan.
 */
export function FloorPlanEditor({ api, eventId, tables, onTable }: { api: Endpoints; eventId: string; tables: Table[]; onTable(table: Table): void }) {
  const { t } = useI18n();
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ mode: 'move' | 'size'; id: string; dx: number; dy: number; moved: boolean } | null>(null);
  /** Where the table being dragged is drawn until the server has the new place or size. */
  const [moving, setMoving] = useState<{ id: string; x: number; y: number; width: number; height: number } | null>(null);
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
    const table = await save(() => api.createTable(eventId, { number: nextNumber(tables), capacity: 6, x: clamp(x, 0, ROOM.width), y: clamp(y, 0, ROOM.height) }));
    if (table) setSelectedId(table.id);
  };

  const onFloorClick = (e: MouseEvent<SVGRectElement>) => {
    const { x, y } = roomPoint(e);
    void place(x, y);
  };

  const onDown = (e: PointerEvent<SVGElement>, table: Table, mode: 'move' | 'size') => {
    e.stopPropagation();
    const p = roomPoint(e);
    const { width, height } = sizeOf(table);
    // Moving keeps the grip's offset from the centre; sizing keeps it from the corner.
    drag.current = mode === 'move'
      ? { mode, id: table.id, dx: p.x - (table.x ?? 0), dy: p.y - (table.y ?? 0), moved: false }
      : { mode, id: table.id, dx: p.x - ((table.x ?? 0) + width / 2), dy: p.y - ((table.y ?? 0) + height / 2), moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    setSelectedId(table.id);
  };

  const onDragMove = (e: PointerEvent<SVGElement>, table: Table) => {
    const d = drag.current;
    if (!d || d.id !== table.id) return;
    const p = roomPoint(e);
    d.moved = true;
    const [x, y] = [table.x ?? 0, table.y ?? 0];
    setMoving(d.mode === 'move'
      ? { id: d.id, ...sizeOf(table), x: clamp(p.x - d.dx, 0, ROOM.width), y: clamp(p.y - d.dy, 0, ROOM.height) }
      : { id: d.id, x, y, width: clamp((p.x - d.dx - x) * 2, 1, 100), height: clamp((p.y - d.dy - y) * 2, 1, 100) });
  };

  const onDragEnd = () => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved || !moving) return;
    const change = d.mode === 'move' ? { x: moving.x, y: moving.y } : { width: moving.width, height: moving.height };
    void save(() => api.updateTable(moving.id, change)).then(() => setMoving(null));
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
    void save(() => api.updateTable(table.id, { x: clamp((table.x ?? 0) + step[0], 0, ROOM.width), y: clamp((table.y ?? 0) + step[1], 0, ROOM.height) }));
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
            const at = moving?.id === table.id ? moving : { x: table.x ?? 0, y: table.y ?? 0, ...sizeOf(table) };
            return (
              <g key={table.id} className={`editor-table${table.id === selectedId ? ' selected' : ''}`} transform={`translate(${at.x} ${at.y})`}
                tabIndex={0} role="button" aria-pressed={table.id === selectedId}
                aria-label={t('editor.tableButton', { number: table.number, capacity: table.capacity })}
                data-table-number={table.number}
                onPointerDown={(e) => onDown(e, table, 'move')} onPointerMove={(e) => onDragMove(e, table)} onPointerUp={onDragEnd}
                onKeyDown={(e) => onTableKey(e, table)}>
                <rect x={-at.width / 2} y={-at.height / 2} width={at.width} height={at.height} rx="1.5" />
              </g>
            );
          })}
          {selected && (() => {
            const at = moving?.id === selected.id ? moving : { x: selected.x ?? 0, y: selected.y ?? 0, ...sizeOf(selected) };
            // The corner grip sizes the selected table by pointer; the form beside the plan does it by keyboard.
            return (
              <rect className="resize-grip" x={at.x + at.width / 2 - 1.2} y={at.y + at.height / 2 - 1.2} width="2.4" height="2.4" aria-hidden="true"
                data-testid="resize-grip"
                onPointerDown={(e) => onDown(e, selected, 'size')} onPointerMove={(e) => onDragMove(e, selected)} onPointerUp={onDragEnd} />
            );
          })()}
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
