import type { Table } from '../api/types.js';

/** The room is 100 × 60 plan units; x/y place a table's centre (the live floor plan uses the same x/y). */
export const ROOM = { width: 100, height: 60 } as const;
/** A table without a stored size is drawn this big. */
export const TABLE_SIZE = { width: 10, height: 7 } as const;

export const clamp = (value: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;

export const sizeOf = (table: Table) => ({ width: table.width ?? TABLE_SIZE.width, height: table.height ?? TABLE_SIZE.height });
