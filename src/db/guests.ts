import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../domain/errors.js';
import type { PassStatus } from '../domain/lists.js';
import type { Queryable, Sql } from './connect.js';
import type { CodeIssuer } from './keys.js';

/** A guest-list guest a name may be the same person as: reported to whoever adds or reads the guest, never merged. */
export interface PossibleDuplicate { guestId: string; listId: string; listName: string }

export interface GuestRow {
  id: string; venue_id: string; event_id: string; list_id: string; list_name: string; promoter_id: string | null;
  name: string; plus_ones: number; email: string | null; phone: string | null;
  code: string; share_token: string; status: PassStatus;
  /** People of the party let in, and of those, inside now. */
  entries: number; inside: number;
  created_at: Date;
  possible_duplicate_of: PossibleDuplicate[];
}

/**
 * How alike two folded names must be (pg_trgm similarity, 0–1) to be
 * reported: "Ana Torres" and "Anna Torres" are 0.77, "Torres Ana" 1,
 * "Ana López" 0.24. Folding first (fold_text, in
 * db/migrations/008.do.door-search.sql) makes accents and case equal.
 */
const DUPLICATE_SIMILARITY = 0.6;

const guestSelect = (sql: Queryable) => sql`
  select g.id, g.venue_id, g.event_id, g.list_id, l.name as list_name, l.promoter_id, g.name, g.plus_ones, g.email, g.phone,
         g.code, g.share_token, g.status, g.entries, g.inside, g.created_at,
         coalesce((
           select json_agg(json_build_object('guestId', d.id, 'listId', d.list_id, 'listName', dl.name) order by d.created_at, d.id)
             from guests d join guest_lists dl on dl.venue_id = d.venue_id and dl.id = d.list_id
            where d.venue_id = g.venue_id and d.event_id = g.event_id and d.id <> g.id and d.status <> 'cancelled'
              and fold_text(d.name) % fold_text(g.name) -- pg_trgm's operator: the trigram index finds the candidates
              and similarity(fold_text(d.name), fold_text(g.name)) >= ${DUPLICATE_SIMILARITY}), '[]') as possible_duplicate_of
    from guests g join guest_lists l on l.venue_id = g.venue_id and l.id = g.list_id`;

export async function findGuest(sql: Queryable, venueId: string, id: string): Promise<GuestRow | undefined> {
  const [row] = await sql<GuestRow[]>`${guestSelect(sql)} where g.venue_id = ${venueId} and g.id = ${id}`;
  return row;
}

/** The guest a public share link names (its unguessable token), within the link's venue. */
export async function findGuestByShareToken(sql: Sql, venueId: string, token: string): Promise<{ code: string } | undefined> {
  const [row] = await sql<{ code: string }[]>`
    select code from guests where venue_id = ${venueId} and share_token = ${token} and status <> 'cancelled'`;
  return row;
}

export async function listGuests(sql: Sql, venueId: string, listId: string, page: { limit: number; after: { at: Date; id: string } | null }): Promise<GuestRow[]> {
  return sql<GuestRow[]>`
    ${guestSelect(sql)}
     where g.venue_id = ${venueId} and g.list_id = ${listId}
       ${page.after ? sql`and (g.created_at, g.id) > (${page.after.at}, ${page.after.id})` : sql``}
     order by g.created_at, g.id
     limit ${page.limit + 1}`;
}

const refused = (code: 'list_full' | 'list_closed', detail: string) => new DomainError(409, code, detail);

interface LockedList {
  id: string; event_id: string; promoter_id: string | null; capacity: number | null; people: number; closed: boolean;
  guest_cap: number | null;
}

/**
 * Locks a list for a change of its count of people. Locks, in this order
 * (every writer of a list's count takes them so, before any guest row):
 *   1. the promoter's cap row for the event, when there is one: their lists
 *      share the cap, so adds to two of their lists serialise here;
 *   2. the list row: adds to one list serialise, so each reads the count the
 *      previous one left. Without it 50 adds at once would each see room and
 *      together overshoot the cap (a check-then-insert).
 * The door never takes either: a scan locks only the guest row.
 */
async function lockList(tx: Queryable, venueId: string, listId: string): Promise<LockedList> {
  const [list] = await tx<{ event_id: string; promoter_id: string | null }[]>`
    select event_id, promoter_id from guest_lists where venue_id = ${venueId} and id = ${listId}`;
  if (!list) throw notFound('guest list', listId);
  const [cap] = list.promoter_id ? await tx<{ guest_cap: number | null }[]>`
    select guest_cap from promoter_caps
     where venue_id = ${venueId} and event_id = ${list.event_id} and promoter_id = ${list.promoter_id} for update` : [];
  const [locked] = await tx<{ capacity: number | null; people: number; closed: boolean }[]>`
    select capacity, people, coalesce(closes_at <= now(), false) as closed
      from guest_lists where venue_id = ${venueId} and id = ${listId} for update`;
  return { id: listId, ...list, ...locked!, guest_cap: cap?.guest_cap ?? null };
}

/**
 * Adds `people` to a locked list's count (negative gives places back), or
 * refuses more: 409 list_closed after its closesAt, 409 list_full past its
 * capacity or its promoter's cap.
 */
async function takePlaces(tx: Queryable, venueId: string, list: LockedList, people: number): Promise<void> {
  if (people > 0) {
    if (list.closed) throw refused('list_closed', 'this guest list is closed');
    if (list.capacity !== null && list.people + people > list.capacity) throw refused('list_full', 'this guest list is full');
    if (list.guest_cap !== null) {
      const [{ listed } = { listed: 0 }] = await tx<{ listed: number }[]>`
        select coalesce(sum(people), 0)::int as listed from guest_lists
         where venue_id = ${venueId} and event_id = ${list.event_id} and promoter_id = ${list.promoter_id}`;
      if (listed + people > list.guest_cap) throw refused('list_full', 'the promoter\'s guest lists are full for this event');
    }
  }
  if (people !== 0) await tx`update guest_lists set people = people + ${people} where venue_id = ${venueId} and id = ${list.id}`;
}

export interface NewGuest { name: string; plusOnes?: number; email?: string | null; phone?: string | null }

/** Adds a guest with a signed code (kind guest), within the list's caps and before it closes. */
export async function addGuest(sql: Sql, issuer: CodeIssuer, venueId: string, listId: string, guest: NewGuest & { createdBy: string | null }): Promise<GuestRow> {
  const id = randomUUID();
  const plusOnes = guest.plusOnes ?? 0;
  await sql.begin(async (tx) => {
    const list = await lockList(tx, venueId, listId);
    await takePlaces(tx, venueId, list, plusOnes + 1);
    const eventId = list.event_id;
    const code = await issuer.issue(tx, { venueId, eventId }, { kind: 'guest', id, serial: 1 });
    await tx`
      insert into guests (id, venue_id, event_id, list_id, name, plus_ones, email, phone, code, share_token, created_by)
      values (${id}, ${venueId}, ${eventId}, ${listId}, ${guest.name}, ${plusOnes}, ${guest.email ?? null}, ${guest.phone ?? null},
              ${code}, ${randomBytes(18).toString('base64url')}, ${guest.createdBy})`;
  });
  return (await findGuest(sql, venueId, id))!;
}

export type GuestPatch = Partial<NewGuest>;

/**
 * Changes a guest. More plus-ones take places as an add does (same locks,
 * same refusals); fewer give them back, never below the party already in
 * (409 below_entries).
 */
export async function updateGuest(sql: Sql, venueId: string, id: string, patch: GuestPatch): Promise<GuestRow> {
  await sql.begin(async (tx) => {
    const list = await lockList(tx, venueId, await listOf(tx, venueId, id));
    // Read under the list's lock: no other change of this list's count runs now.
    const [before] = await tx<{ plus_ones: number; status: PassStatus }[]>`
      select plus_ones, status from guests where venue_id = ${venueId} and id = ${id}`;
    const delta = patch.plusOnes === undefined || before!.status === 'cancelled' ? 0 : patch.plusOnes - before!.plus_ones;
    await takePlaces(tx, venueId, list, delta);
    const [row] = await tx`
      update guests set
        name      = coalesce(${patch.name ?? null}::text, name),
        plus_ones = coalesce(${patch.plusOnes ?? null}::integer, plus_ones),
        email     = case when ${'email' in patch} then ${patch.email ?? null}::text else email end,
        phone     = case when ${'phone' in patch} then ${patch.phone ?? null}::text else phone end
       where venue_id = ${venueId} and id = ${id} and coalesce(${patch.plusOnes ?? null}::integer, plus_ones) + 1 >= entries
      returning id`;
    if (!row) {
      throw new DomainError(409, 'below_entries', 'more of this party already came in',
        { errors: [{ field: '/plusOnes', message: 'is below the people of the party already in' }] });
    }
  });
  return (await findGuest(sql, venueId, id))!;
}

/** The list a guest is on (a guest never moves between lists). */
async function listOf(tx: Queryable, venueId: string, id: string): Promise<string> {
  const [guest] = await tx<{ list_id: string }[]>`select list_id from guests where venue_id = ${venueId} and id = ${id}`;
  if (!guest) throw notFound('guest', id);
  return guest.list_id;
}

/** Takes a guest off the list: the code no longer admits and the places are free again. Cancelling twice changes nothing. */
export async function cancelGuest(sql: Sql, venueId: string, id: string): Promise<GuestRow> {
  await sql.begin(async (tx) => {
    const list = await lockList(tx, venueId, await listOf(tx, venueId, id));
    // Lock: the guest row (by the UPDATE), as a scan locks it, so a scan sees it listed or cancelled.
    const [cancelled] = await tx<{ plus_ones: number }[]>`
      update guests set status = 'cancelled' where venue_id = ${venueId} and id = ${id} and status <> 'cancelled'
      returning plus_ones`;
    if (cancelled) await takePlaces(tx, venueId, list, -(cancelled.plus_ones + 1));
  });
  return (await findGuest(sql, venueId, id))!;
}
