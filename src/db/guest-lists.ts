import { DomainError } from '../domain/errors.js';
import type { Queryable, Sql } from './connect.js';
import { translateDbError } from './errors.js';

export interface GuestListRow {
  id: string; venue_id: string; event_id: string; name: string;
  /** The promoter the list belongs to (a promoter sees only their own lists). */
  promoter_id: string | null; promoter_name: string | null;
  capacity: number | null; people: number; guests: number; checked_in: number;
  closes_at: Date | null; admit_until: Date | null; created_at: Date;
}

const listColumns = (sql: Queryable) => sql`
  l.id, l.venue_id, l.event_id, l.name, l.promoter_id, s.name as promoter_name, l.capacity, l.people,
  l.closes_at, l.admit_until, l.created_at,
  (select count(*)::int from guests g where g.venue_id = l.venue_id and g.list_id = l.id and g.status <> 'cancelled') as guests,
  (select coalesce(sum(g.entries), 0)::int from guests g where g.venue_id = l.venue_id and g.list_id = l.id) as checked_in`;

export async function createGuestList(sql: Sql, list: {
  venueId: string; eventId: string; name: string; promoterId: string | null; createdBy: string | null;
  capacity?: number | null; closesAt?: Date | null; admitUntil?: Date | null;
}): Promise<GuestListRow> {
  const [row] = await sql<{ id: string }[]>`
    insert into guest_lists (venue_id, event_id, name, promoter_id, capacity, closes_at, admit_until, created_by)
    values (${list.venueId}, ${list.eventId}, ${list.name}, ${list.promoterId}, ${list.capacity ?? null},
            ${list.closesAt ?? null}, ${list.admitUntil ?? null}, ${list.createdBy})
    returning id`.catch(translateDbError);
  return (await findGuestList(sql, list.venueId, row!.id))!;
}

export async function findGuestList(sql: Queryable, venueId: string, id: string): Promise<GuestListRow | undefined> {
  const [row] = await sql<GuestListRow[]>`
    select ${listColumns(sql)}
      from guest_lists l left join staff s on s.id = l.promoter_id
     where l.venue_id = ${venueId} and l.id = ${id}`;
  return row;
}

/** An event's lists, oldest first; only one promoter's when `promoterId` is given. */
export async function listGuestLists(sql: Sql, venueId: string, eventId: string, filter: {
  promoterId?: string; limit: number; after: { at: Date; id: string } | null;
}): Promise<GuestListRow[]> {
  return sql<GuestListRow[]>`
    select ${listColumns(sql)}
      from guest_lists l left join staff s on s.id = l.promoter_id
     where l.venue_id = ${venueId} and l.event_id = ${eventId}
       ${filter.promoterId ? sql`and l.promoter_id = ${filter.promoterId}` : sql``}
       ${filter.after ? sql`and (l.created_at, l.id) > (${filter.after.at}, ${filter.after.id})` : sql``}
     order by l.created_at, l.id
     limit ${filter.limit + 1}`;
}

export interface GuestListPatch { name?: string; capacity?: number | null; closesAt?: Date | null; admitUntil?: Date | null }

/**
 * Changes a list. The capacity cannot go below the people already on it
 * (409 below_people): the row lock of the UPDATE orders it after any
 * guest being added, whose count it then sees.
 */
export async function updateGuestList(sql: Sql, venueId: string, id: string, patch: GuestListPatch): Promise<GuestListRow> {
  const [row] = await sql<{ id: string }[]>`
    update guest_lists set
      name        = case when ${'name' in patch} then ${patch.name ?? null}::text else name end,
      capacity    = case when ${'capacity' in patch} then ${patch.capacity ?? null}::integer else capacity end,
      closes_at   = case when ${'closesAt' in patch} then ${patch.closesAt ?? null}::timestamptz else closes_at end,
      admit_until = case when ${'admitUntil' in patch} then ${patch.admitUntil ?? null}::timestamptz else admit_until end
     where venue_id = ${venueId} and id = ${id}
       and (${!('capacity' in patch)} or ${patch.capacity ?? null}::integer is null or people <= ${patch.capacity ?? null}::integer)
    returning id`;
  if (!row) {
    throw new DomainError(409, 'below_people', 'the list already holds more people than that',
      { errors: [{ field: '/capacity', message: 'is below the people already on the list' }] });
  }
  return (await findGuestList(sql, venueId, id))!;
}

/** Sets a promoter's cap for an event: at most `guestCap` people on all their lists (null: none). */
export async function setPromoterCap(sql: Sql, venueId: string, eventId: string, promoterId: string, guestCap: number | null): Promise<void> {
  // Lock: the cap row (by the upsert), which every add of a guest to this
  // promoter's lists takes first; a cap below what is listed rolls back.
  await sql.begin(async (tx) => {
    await tx`
      insert into promoter_caps (venue_id, event_id, promoter_id, guest_cap) values (${venueId}, ${eventId}, ${promoterId}, ${guestCap})
      on conflict (venue_id, event_id, promoter_id) do update set guest_cap = excluded.guest_cap`;
    const [{ people } = { people: 0 }] = await tx<{ people: number }[]>`
      select coalesce(sum(people), 0)::int as people from guest_lists
       where venue_id = ${venueId} and event_id = ${eventId} and promoter_id = ${promoterId}`;
    if (guestCap !== null && people > guestCap) {
      throw new DomainError(409, 'below_people', 'the promoter already has more people on their lists than that',
        { errors: [{ field: '/guestCap', message: 'is below the people already on their lists' }] });
    }
  });
}

/** The promoter's cap for the event, if any. */
export async function findPromoterCap(sql: Queryable, venueId: string, eventId: string, promoterId: string): Promise<number | null> {
  const [row] = await sql<{ guest_cap: number | null }[]>`
    select guest_cap from promoter_caps where venue_id = ${venueId} and event_id = ${eventId} and promoter_id = ${promoterId}`;
  return row?.guest_cap ?? null;
}
