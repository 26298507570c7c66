import type { Queryable, Sql } from './connect.js';
import { withCheapPlanning } from './cheap-planning.js';
import type { EventRef } from './keys.js';
import type { ScanLogRow } from './scans.js';

/**
 * Where a scan sits in the log: its recorded time in microseconds since
 * 1970 (PostgreSQL's precision; a JS Date would drop the microseconds and
 * skip scans of the same millisecond), then its id.
 */
export interface LogPosition { us: bigint; id: string }

/** A scan log item with its position, as the live feed sends it. */
export interface FeedScanRow extends ScanLogRow { recorded_us: string }

const position = (sql: Queryable, p: LogPosition) =>
  sql`(timestamptz 'epoch' + ${p.us.toString()}::bigint * interval '1 microsecond', ${p.id}::uuid)`;

/** Answers for the given scan ids (the live feed's look-up after a notification). */
export async function findScans(sql: Sql, venueId: string, ids: string[]): Promise<FeedScanRow[]> {
  return withCheapPlanning(sql, (tx) => tx<FeedScanRow[]>`
    select a.*, d.name as device_name, (extract(epoch from a.recorded_at) * 1000000)::bigint::text as recorded_us
      from scan_answers a left join devices d on d.id = a.device_id
     where a.venue_id = ${venueId} and a.scan_id = any(${sql.array(ids)}::uuid[])
     order by a.recorded_at, a.scan_id`);
}

/**
 * The event's live scans after a position (all of them when null), oldest
 * first: what a reconnecting client or listener missed.
 */
export async function scansAfter(sql: Sql, { venueId, eventId }: EventRef, after: LogPosition | null, limit: number): Promise<FeedScanRow[]> {
  return withCheapPlanning(sql, (tx) => tx<FeedScanRow[]>`
    select a.*, d.name as device_name, (extract(epoch from a.recorded_at) * 1000000)::bigint::text as recorded_us
      from scan_answers a left join devices d on d.id = a.device_id
     where a.venue_id = ${venueId} and a.event_id = ${eventId} and a.reset_id is null
       ${after ? tx`and (a.recorded_at, a.scan_id) > ${position(tx, after)}` : tx``}
     order by a.recorded_at, a.scan_id
     limit ${limit}`);
}

/** The position of the event's newest scan; null when it has none. */
export async function latestScanPosition(sql: Sql, { venueId, eventId }: EventRef): Promise<LogPosition | null> {
  const [row] = await sql<{ us: string; id: string }[]>`
    select (extract(epoch from recorded_at) * 1000000)::bigint::text as us, id
      from scan_log where venue_id = ${venueId} and event_id = ${eventId}
     order by recorded_at desc, id desc limit 1`;
  return row ? { us: BigInt(row.us), id: row.id } : null;
}
