import { DomainError } from '../domain/errors.js';
import { parseTimestamp } from '../domain/input-formats.js';

/** Keyset pagination: the cursor is the (time, id) of the last item, opaque to clients. */
export interface Keyset { at: Date; id: string }

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    // Only the ISO strings this server writes: a number like 8.64e15 makes a
    // Date that PostgreSQL cannot read (year 275760).
    const date = typeof at === 'string' ? parseTimestamp(at) : undefined;
    if (!date || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new DomainError(400, 'invalid_cursor', 'cursor is not one this server issued');
  }
}

/** Fetch limit + 1 rows; the extra one says whether there is a next page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
