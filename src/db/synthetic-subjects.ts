import type { Sql } from './connect.js';
import type { EventRef } from './keys.js';
import { createTicketType } from './orders.js';

/** The names synthetic subjects get: accents and a shared surname, as a real guest list has. */
const FIRST = ['Ana', 'José', 'María', 'Luis', 'Sofía', 'Iñaki', 'Chloé', 'Dana', 'Ömer', 'Zoë'];
const LAST = ['Núñez', 'García', 'Torres', 'Muñoz', 'Lefèvre', 'Peña', 'Smith', 'Okafor', 'Ríos', 'Bäcker'];

/**
 * Adds `subjects` people to one event in two set-based statements, for the
 * door-search benchmark and its plan test: nine in ten are GA tickets (one
 * paid order each, the buyer's name "First Last N"), one in ten VIP passes
 * (tables "T1"… of 10 guests, the host "First Last N"). Codes are unique
 * random strings: door search reads only their last 6 characters.
 */
export async function addSyntheticSubjects(sql: Sql, { venueId, eventId }: EventRef, subjects: number): Promise<void> {
  const tickets = Math.floor(subjects * 0.9);
  const tables = Math.ceil((subjects - tickets) / 10);
  const type = await createTicketType(sql, { venueId, eventId, name: 'Synthetic GA', priceCents: 2_000 });
  const name = (k: string) => sql`
    (${sql.array(FIRST)}::text[])[1 + ${sql.unsafe(k)} % 10] || ' ' ||
    (${sql.array(LAST)}::text[])[1 + (${sql.unsafe(k)} / 10) % 10] || ' ' || ${sql.unsafe(k)}`;
  await sql`
    with o as (
      insert into orders (id, venue_id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents, paid_at)
      select gen_random_uuid(), ${venueId}, ${eventId}, ${name('k')}, 'buyer' || k || '@example.com', 'paid', 2000, 0, now()
        from generate_series(1, ${tickets}) k
      returning id)
    insert into tickets (venue_id, event_id, ticket_type_id, order_id, code)
    select ${venueId}, ${eventId}, ${type.id}, o.id, 'S' || md5(o.id::text) || md5(random()::text) from o`;
  await sql`
    with t as (
      insert into vip_tables (venue_id, event_id, number, capacity)
      select ${venueId}, ${eventId}, 'T' || k, 10 from generate_series(1, ${tables}) k
      returning id, number),
    r as (
      insert into vip_reservations (venue_id, event_id, table_id, host_name, guest_count, status)
      select ${venueId}, ${eventId}, t.id, ${name('substr(t.number, 2)::int')}, 10, 'confirmed' from t
      returning id)
    insert into guest_passes (venue_id, event_id, reservation_id, pass_number, kind, code)
    select ${venueId}, ${eventId}, r.id, n, (case when n = 1 then 'host' else 'guest' end)::pass_kind,
           'S' || md5(r.id::text || n) || md5(random()::text)
      from r, generate_series(1, 10) n`;
  await sql`analyze orders, tickets, vip_tables, vip_reservations, guest_passes`;
}
