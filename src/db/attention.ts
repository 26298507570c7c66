import type { AttentionKind, ScanReason } from '../domain/lists.js';
import type { Keyset } from './pagination.js';
import type { Sql } from './connect.js';
import { translateDbError } from './errors.js';

/** An item of the attention inbox (db/migrations/014.do.offline-door.sql), with what its message needs. */
export interface AttentionRow {
  id: string;
  event_id: string | null;
  kind: AttentionKind;
  reason: ScanReason | null;
  subject_id: string | null;
  scanner_id: string | null;
  scan_ids: string[];
  opened_at: Date;
  last_scan_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolution_note: string | null;
  holder_name: string | null;
  scanner_name: string | null;
  scanners: number;
}

const itemColumns = (sql: Sql) => sql`
  a.id, a.event_id, a.kind, a.reason, a.subject_id, a.scanner_id, a.scan_ids, a.opened_at, a.last_scan_at,
  a.resolved_at, a.resolved_by, st.name as resolved_by_name, a.resolution_note,
  (select s.holder_name from scan_answers s where s.venue_id = a.venue_id and s.scan_id = a.scan_ids[1]) as holder_name,
  coalesce(d.name, sc.name) as scanner_name,
  (select count(distinct l.scanner_id)::int from scan_log l where l.venue_id = a.venue_id and l.id = any(a.scan_ids)) as scanners`;

const itemJoins = (sql: Sql) => sql`
  left join staff st   on st.venue_id = a.venue_id and st.id = a.resolved_by
  left join devices d  on d.venue_id = a.venue_id and d.id = a.scanner_id
  left join staff sc   on sc.venue_id = a.venue_id and sc.id = a.scanner_id`;

/**
 * An event's inbox, newest first: its items, and the venue's items that
 * belong to no event (a burst of unknown codes at a scanner bound to none).
 */
export async function listAttention(sql: Sql, f: { venueId: string; eventId: string; open: boolean; limit: number; before: Keyset | null }): Promise<AttentionRow[]> {
  return sql<AttentionRow[]>`
    select ${itemColumns(sql)}
      from attention_items a ${itemJoins(sql)}
     where a.venue_id = ${f.venueId} and (a.event_id = ${f.eventId} or a.event_id is null)
       and (a.resolved_at is null) = ${f.open}
       ${f.before ? sql`and (a.opened_at, a.id) < (${f.before.at}, ${f.before.id})` : sql``}
     order by a.opened_at desc, a.id desc
     limit ${f.limit + 1}`;
}

/** Items by id, within the venue (the live feed's look-up after a notification). */
export async function findAttention(sql: Sql, venueId: string, ids: string[]): Promise<AttentionRow[]> {
  return sql<AttentionRow[]>`
    select ${itemColumns(sql)} from attention_items a ${itemJoins(sql)}
     where a.venue_id = ${venueId} and a.id = any(${sql.array(ids)}::uuid[])`;
}

/**
 * Resolves an item with who and a note; resolving it again changes nothing
 * (the first resolution stands). Undefined when the venue has no such item.
 */
export async function resolveAttention(sql: Sql, venueId: string, id: string, by: string, note: string): Promise<AttentionRow | undefined> {
  const now = new Date();
  await sql`
    update attention_items set resolved_at = ${now}, resolved_by = ${by}, resolution_note = ${note}
     where venue_id = ${venueId} and id = ${id} and resolved_at is null`.catch(translateDbError);
  return (await findAttention(sql, venueId, [id]))[0];
}

/** The fraud signals' thresholds of a venue (raise_scan_signals reads them). */
export interface AttentionThresholds {
  manyDevicesSeconds: number;
  unknownBurstCount: number;
  unknownBurstSeconds: number;
  reentryBurstCount: number;
  reentryBurstMinutes: number;
}

/** Sets the thresholds given (the others stay) and returns them all. */
export async function setAttentionThresholds(sql: Sql, venueId: string, change: Partial<AttentionThresholds>): Promise<AttentionThresholds> {
  const [row] = await sql<AttentionThresholds[]>`
    update venues set
      many_devices_seconds  = coalesce(${change.manyDevicesSeconds ?? null}::int, many_devices_seconds),
      unknown_burst_count   = coalesce(${change.unknownBurstCount ?? null}::int, unknown_burst_count),
      unknown_burst_seconds = coalesce(${change.unknownBurstSeconds ?? null}::int, unknown_burst_seconds),
      reentry_burst_count   = coalesce(${change.reentryBurstCount ?? null}::int, reentry_burst_count),
      reentry_burst_minutes = coalesce(${change.reentryBurstMinutes ?? null}::int, reentry_burst_minutes)
     where id = ${venueId}
    returning many_devices_seconds as "manyDevicesSeconds", unknown_burst_count as "unknownBurstCount",
              unknown_burst_seconds as "unknownBurstSeconds", reentry_burst_count as "reentryBurstCount",
              reentry_burst_minutes as "reentryBurstMinutes"`.catch(translateDbError);
  return row!;
}
