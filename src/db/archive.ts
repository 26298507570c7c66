import type { Sql } from './connect.js';

/** An event whose night is long over and whose scans are still in the live log. */
export interface ArchivableEvent { venueId: string; eventId: string; name: string; endsAt: Date }

/**
 * Events whose door closed (end + late entry window) more than `days` days
 * ago and that still have scans in the live log, oldest first.
 */
export async function archivableEvents(sql: Sql, days: number): Promise<ArchivableEvent[]> {
  return sql<ArchivableEvent[]>`
    select e.venue_id as "venueId", e.id as "eventId", e.name, e.ends_at as "endsAt"
      from events e
     where e.ends_at + make_interval(mins => e.late_entry_minutes) < now() - make_interval(days => ${days})
       and exists (select 1 from scan_log s where s.venue_id = e.venue_id and s.event_id = e.id)
     order by e.ends_at, e.id`;
}

/**
 * Moves up to `batch` scans of one event, with their annulments, from the
 * live tables to the archive, in one statement (one transaction): a row is
 * in exactly one of the two at every moment. Rows another archiver is
 * moving are skipped (SKIP LOCKED), so two runs at once split the work
 * instead of waiting on each other. Returns how many scans moved.
 */
export async function archiveEventScans(sql: Sql, { venueId, eventId }: { venueId: string; eventId: string }, batch: number): Promise<number> {
  const [row] = await sql<{ moved: number }[]>`
    with picked as (
      select venue_id, id from scan_log
       where venue_id = ${venueId} and event_id = ${eventId}
       limit ${batch} for update skip locked
    ), moved as (
      delete from scan_log s using picked p
       where s.venue_id = p.venue_id and s.id = p.id
      returning s.*
    ), kept as (
      insert into scan_log_archive select * from moved returning 1
    ), annulments as (
      delete from scan_annulments a using moved m
       where a.venue_id = m.venue_id and a.scan_id = m.id
      returning a.*
    ), annulments_kept as (
      insert into scan_annulments_archive select * from annulments returning 1
    )
    select (select count(*) from kept)::int as moved, (select count(*) from annulments_kept)::int as annulments`;
  return row!.moved;
}

/** Scans and annulments of an event in the live tables and in the archive. */
export async function scanRowsOf(sql: Sql, { venueId, eventId }: { venueId: string; eventId: string }) {
  const [row] = await sql<{ live: number; archived: number; liveAnnulments: number; archivedAnnulments: number }[]>`
    select (select count(*) from scan_log where venue_id = ${venueId} and event_id = ${eventId})::int as live,
           (select count(*) from scan_log_archive where venue_id = ${venueId} and event_id = ${eventId})::int as archived,
           (select count(*) from scan_annulments where venue_id = ${venueId} and event_id = ${eventId})::int as "liveAnnulments",
           (select count(*) from scan_annulments_archive where venue_id = ${venueId} and event_id = ${eventId})::int as "archivedAnnulments"`;
  return row!;
}
