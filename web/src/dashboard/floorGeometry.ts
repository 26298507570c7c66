import type { Table } from '../api/types.js';

/** The room is 100 × 60 plan units; x/y place a table's centre (the live floor plan uses the same x/y). */
export const ROOM = { width: 100, height: 60 } as const;
/** A table without a stored size is drawn this big. */
export const TABLE_SIZE = { width: 10, height: 7 } as const;

export const clamp = (value: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;

export const sizeOf = (table: Table) => ({ width: table.width ?? TABLE_SIZE.width, height: table.height ?? TABLE_SIZE.height });

const COLUMNS = 4;

/** Where each table is drawn: its own x/y (0–100) when set, else the next cell of a grid below the placed ones. */
export function layout<T extends { x: number | null; y: number | null; number: string }>(tables: T[]): { table: T; x: number; y: number }[] {
  const placed = tables.filter((t) => t.x !== null && t.y !== null).map((t) => ({ table: t, x: t.x!, y: t.y! }));
  const loose = tables.filter((t) => t.x === null || t.y === null)
    .sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  const top = placed.length ? Math.max(...placed.map((p) => p.y)) + 24 : 12;
  return [
    ...placed,
    ...loose.map((table, i) => ({ table, x: 100 / COLUMNS * (i % COLUMNS) + 100 / COLUMNS / 2, y: top + Math.floor(i / COLUMNS) * 24 })),
  ];
}
