import { DomainError } from '../domain/errors.js';
import type { Sql } from './connect.js';
import { STAFF_GATE } from './scans.js';

export interface EventRow {
  id: string; venue_id: string; name: string; starts_at: Date; ends_at: Date;
  doors_open_at: Date | null; early_entry_minutes: number; late_entry_minutes: number;
  vip_reentry: 'always' | 'after_exit'; refundable_until: Date | null;
  capacity: number | null; status: string; created_at: Date;
}

/** What an event is created with; the door window and the policies have defaults. */
export interface NewEvent {
  id?: string; venueId: string; name: string; startsAt: Date; endsAt: Date;
  doorsOpenAt?: Date | null; capacity?: number | null;
  earlyEntryMinutes?: number; lateEntryMinutes?: number; vipReentry?: 'always' | 'after_exit'; refundableUntil?: Date | null;
}

export interface TableRow {
  id: string; venue_id: string; event_id: string; number: string; tier: string | null; capacity: number;
  deposit_cents: number; min_spend_cents: number; x: number | null; y: number | null;
  width: number | null; height: number | null;
}

/** A venue, with the gate staff scan at when they name none (STAFF_GATE, src/db/scans.ts). */
export async function createVenue(sql: Sql, venue: { id?: string; name: string; timezone?: string }): Promise<{ id: string }> {
  const [row] = await sql<{ id: string }[]>`
    with venue as (
      insert into venues (id, name, timezone)
      values (coalesce(${venue.id ?? null}::uuid, gen_random_uuid()), ${venue.name}, ${venue.timezone ?? 'UTC'})
      returning id),
    gate as (insert into venue_gates (venue_id, name) select id, ${STAFF_GATE} from venue)
    select id from venue`;
  return row!;
}

export async function createEvent(sql: Sql, event: NewEvent): Promise<EventRow> {
  const [row] = await sql<EventRow[]>`
    insert into events (id, venue_id, name, starts_at, ends_at, doors_open_at, capacity,
                        early_entry_minutes, late_entry_minutes, vip_reentry, refundable_until)
    values (coalesce(${event.id ?? null}::uuid, gen_random_uuid()), ${event.venueId}, ${event.name},
            ${event.startsAt}, ${event.endsAt}, ${event.doorsOpenAt ?? null}, ${event.capacity ?? null},
            ${event.earlyEntryMinutes ?? 60}, ${event.lateEntryMinutes ?? 60}, ${event.vipReentry ?? 'always'},
            ${event.refundableUntil ?? null})
    returning *`;
  return row!;
}

/**
 * Opens the door now: the window starts at doors_open_at minus the early
 * minutes, so doors_open_at moves to now plus them. Undefined when the
 * event is not the venue's; MP409 event_over when its window already closed.
 */
export async function openDoors(sql: Sql, venueId: string, eventId: string): Promise<EventRow | undefined> {
  const [row] = await sql<EventRow[]>`
    update events
       set doors_open_at = least(now() + make_interval(mins => early_entry_minutes), ends_at)
     where venue_id = ${venueId} and id = ${eventId} and ends_at + make_interval(mins => late_entry_minutes) > now()
    returning *`;
  if (row) return row;
  const exists = await findEvent(sql, venueId, eventId);
  if (exists) throw new DomainError(409, 'event_over', 'this event’s door window has closed');
  return undefined;
}

export async function createTable(sql: Sql, table: {
  venueId: string; eventId: string; number: string; tier?: string | null; capacity: number;
  depositCents?: number; minSpendCents?: number; x?: number | null; y?: number | null;
  width?: number | null; height?: number | null;
}): Promise<TableRow> {
  const [row] = await sql<TableRow[]>`
    insert into vip_tables (venue_id, event_id, number, tier, capacity, deposit_cents, min_spend_cents, x, y, width, height)
    values (${table.venueId}, ${table.eventId}, ${table.number}, ${table.tier ?? null}, ${table.capacity},
            ${table.depositCents ?? 0}, ${table.minSpendCents ?? 0}, ${table.x ?? null}, ${table.y ?? null},
            ${table.width ?? null}, ${table.height ?? null})
    returning *`;
  return row!;
}

export async function listEvents(sql: Sql, venueId: string, page: { limit: number; after: { at: Date; id: string } | null }): Promise<EventRow[]> {
  return sql<EventRow[]>`
    select * from events
     where venue_id = ${venueId}
       ${page.after ? sql`and (starts_at, id) < (${page.after.at}, ${page.after.id})` : sql``}
     order by starts_at desc, id desc
     limit ${page.limit + 1}`;
}

export async function findEvent(sql: Sql, venueId: string, id: string): Promise<EventRow | undefined> {
  const [row] = await sql<EventRow[]>`select * from events where id = ${id} and venue_id = ${venueId}`;
  return row;
}

export async function listTables(sql: Sql, venueId: string, eventId: string): Promise<TableRow[]> {
  return sql<TableRow[]>`
    select * from vip_tables where venue_id = ${venueId} and event_id = ${eventId} order by length(number), number`;
}
