import { DomainError } from '../domain/errors.js';
import type { CommissionRule } from '../domain/lists.js';
import type { Sql } from './connect.js';
import { STAFF_GATE } from './scans.js';

export interface EventRow {
  id: string; venue_id: string; name: string; starts_at: Date; ends_at: Date;
  doors_open_at: Date | null; early_entry_minutes: number; late_entry_minutes: number;
  vip_reentry: 'always' | 'after_exit'; refundable_until: Date | null;
  capacity: number | null; status: string; created_at: Date;
  /** How the event pays its promoters (src/db/promoters.ts). */
  commission_rule: CommissionRule; commission_basis_points: number; commission_per_head_cents: number;
  /** Set when the night was closed (src/money/night-close.ts): sales stop. */
  closed_at: Date | null;
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

/** Fields of an event an editor may change; a key left out keeps its value, null clears a nullable one. */
export interface EventPatch {
  name?: string; startsAt?: Date; endsAt?: Date; doorsOpenAt?: Date | null; capacity?: number | null;
  earlyEntryMinutes?: number; lateEntryMinutes?: number; vipReentry?: 'after_exit' | 'always'; refundableUntil?: Date | null;
}

/**
 * A changed capacity re-splits the event's free places over its gates
 * (db/functions/split_gate_places.sql), in the same transaction: the events
 * row first, then every gate's row in gate order, as scans take them.
 */
export async function updateEvent(sql: Sql, venueId: string, id: string, patch: EventPatch): Promise<EventRow | undefined> {
  return sql.begin(async (tx) => {
    const [row] = await tx<EventRow[]>`
      update events set
        name          = case when ${'name' in patch} then ${patch.name ?? null}::text else name end,
        starts_at     = case when ${'startsAt' in patch} then ${patch.startsAt ?? null}::timestamptz else starts_at end,
        ends_at       = case when ${'endsAt' in patch} then ${patch.endsAt ?? null}::timestamptz else ends_at end,
        doors_open_at = case when ${'doorsOpenAt' in patch} then ${patch.doorsOpenAt ?? null}::timestamptz else doors_open_at end,
        capacity      = case when ${'capacity' in patch} then ${patch.capacity ?? null}::integer else capacity end,
        early_entry_minutes = case when ${'earlyEntryMinutes' in patch} then ${patch.earlyEntryMinutes ?? null}::integer else early_entry_minutes end,
        late_entry_minutes  = case when ${'lateEntryMinutes' in patch} then ${patch.lateEntryMinutes ?? null}::integer else late_entry_minutes end,
        vip_reentry         = case when ${'vipReentry' in patch} then ${patch.vipReentry ?? null}::reentry_policy else vip_reentry end,
        refundable_until    = case when ${'refundableUntil' in patch} then ${patch.refundableUntil ?? null}::timestamptz else refundable_until end
       where id = ${id} and venue_id = ${venueId}
      returning *`;
    if (row && 'capacity' in patch) await tx`select split_gate_places(${venueId}, ${id}, 0, true)`;
    return row;
  });
}

/** Fields of a table an editor may change (the floor-plan editor moves x/y). */
export interface TablePatch {
  number?: string; tier?: string | null; capacity?: number; depositCents?: number; minSpendCents?: number;
  x?: number | null; y?: number | null; width?: number | null; height?: number | null;
}

export async function updateTable(sql: Sql, venueId: string, id: string, patch: TablePatch): Promise<TableRow | undefined> {
  const [row] = await sql<TableRow[]>`
    update vip_tables t set
      number          = case when ${'number' in patch} then ${patch.number ?? null}::text else t.number end,
      tier            = case when ${'tier' in patch} then ${patch.tier ?? null}::text else t.tier end,
      capacity        = case when ${'capacity' in patch} then ${patch.capacity ?? null}::integer else t.capacity end,
      min_spend_cents = case when ${'minSpendCents' in patch} then ${patch.minSpendCents ?? null}::integer else t.min_spend_cents end,
      x               = case when ${'x' in patch} then ${patch.x ?? null}::real else t.x end,
      y               = case when ${'y' in patch} then ${patch.y ?? null}::real else t.y end,
      width           = case when ${'width' in patch} then ${patch.width ?? null}::real else t.width end,
      height          = case when ${'height' in patch} then ${patch.height ?? null}::real else t.height end,
      deposit_cents   = case when ${'depositCents' in patch} then ${patch.depositCents ?? null}::bigint else t.deposit_cents end
     where t.venue_id = ${venueId} and t.id = ${id}
    returning t.*`;
  return row;
}

/** The table of this venue with this id, if any. */
export async function findTable(sql: Sql, venueId: string, id: string): Promise<TableRow | undefined> {
  const [row] = await sql<TableRow[]>`
    select * from vip_tables where venue_id = ${venueId} and id = ${id}`;
  return row;
}
