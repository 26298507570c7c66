import type { Sql } from './connect.js';
import type { EventRow } from './events.js';
import type { OrderStatus, TicketTypeRow } from './orders.js';

/**
 * What the public buy page and checkout read: an event by its id alone (a
 * buyer knows no venue), its currency, and the ticket types on sale.
 */

export interface PublicEvent extends EventRow { currency: string; venue_name: string }

export async function findPublicEvent(sql: Sql, eventId: string): Promise<PublicEvent | undefined> {
  const [row] = await sql<PublicEvent[]>`
    select e.*, v.currency, v.name as venue_name from events e join venues v on v.id = e.venue_id where e.id = ${eventId}`;
  return row;
}

/** The types the public may buy: not free (comps are the box office's) and still valid. */
export async function ticketTypesOnSale(sql: Sql, event: { venue_id: string; id: string }): Promise<(TicketTypeRow & { available: number | null })[]> {
  return sql`
    select t.*, case when t.inventory is null then null else t.inventory - t.sold end as available
      from ticket_types t
     where t.venue_id = ${event.venue_id} and t.event_id = ${event.id}
       and t.price_cents + t.fee_cents > 0
       and (t.valid_until is null or t.valid_until > now())
     order by t.price_cents, t.created_at, t.id`;
}

/** The order's lines as the provider shows them: a name and the unit price with its fee. */
export async function orderLinesForSale(sql: Sql, venueId: string, orderId: string): Promise<{ name: string; unitAmountCents: number; quantity: number }[]> {
  return sql`
    select t.name, (l.unit_price_cents + l.unit_fee_cents) as "unitAmountCents", l.quantity
      from order_lines l join ticket_types t on t.venue_id = l.venue_id and t.id = l.ticket_type_id
     where l.venue_id = ${venueId} and l.order_id = ${orderId}
     order by t.name, t.id`;
}

/**
 * Claims the mailing of a paid order's tickets (at most once: the first
 * caller gets true). Only orders the provider was paid for are mailed; the
 * box office hands its tickets over itself.
 */
export async function claimTicketMail(sql: Sql, venueId: string, orderId: string): Promise<boolean> {
  const rows = await sql`
    update orders o set tickets_mailed_at = now()
     where o.venue_id = ${venueId} and o.id = ${orderId} and o.status = 'paid' and o.tickets_mailed_at is null
       and exists (select 1 from payments p where p.venue_id = o.venue_id and p.order_id = o.id and p.status = 'paid')
    returning o.id`;
  return rows.length === 1;
}

/** Gives a claim back after the mail could not be sent, so the next housekeeping run tries again. */
export async function releaseTicketMail(sql: Sql, venueId: string, orderId: string): Promise<void> {
  await sql`update orders set tickets_mailed_at = null where venue_id = ${venueId} and id = ${orderId}`;
}

/** Paid provider orders whose tickets were not mailed (the process stopped, or SMTP failed). */
export async function unmailedOrders(sql: Sql, limit = 50): Promise<{ venue_id: string; id: string }[]> {
  return sql`
    select o.venue_id, o.id from orders o
     where o.status = 'paid' and o.tickets_mailed_at is null
       and exists (select 1 from payments p where p.venue_id = o.venue_id and p.order_id = o.id and p.status = 'paid')
     limit ${limit}`;
}

/** What the tickets' mail says: the buyer, the event and venue, each ticket's code and type. */
export async function ticketMailContent(sql: Sql, venueId: string, orderId: string) {
  const [order] = await sql<{ buyer_email: string; buyer_name: string; buyer_locale: 'en' | 'es'; event_name: string; starts_at: Date; venue_name: string; timezone: string }[]>`
    select o.buyer_email, o.buyer_name, o.buyer_locale, e.name as event_name, e.starts_at, v.name as venue_name, v.timezone
      from orders o join events e on e.venue_id = o.venue_id and e.id = o.event_id join venues v on v.id = o.venue_id
     where o.venue_id = ${venueId} and o.id = ${orderId}`;
  const tickets = await sql<{ code: string; type_name: string }[]>`
    select t.code, y.name as type_name from tickets t join ticket_types y on y.venue_id = t.venue_id and y.id = t.ticket_type_id
     where t.venue_id = ${venueId} and t.order_id = ${orderId} order by t.created_at, t.id`;
  return order ? { ...order, tickets } : undefined;
}

/** Sets the buyer's language of a public order (the buy page's). */
export async function setBuyerLocale(sql: Sql, venueId: string, orderId: string, locale: 'en' | 'es'): Promise<void> {
  await sql`update orders set buyer_locale = ${locale} where venue_id = ${venueId} and id = ${orderId}`;
}

/** The event the start-up banner links the public buy page to: the next one on sale with ticket types. */
export async function nextEventOnSale(sql: Sql): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`
    select e.id from events e
     where e.status = 'published' and e.ends_at > now()
       and exists (select 1 from ticket_types t where t.venue_id = e.venue_id and t.event_id = e.id)
     order by e.starts_at, e.id limit 1`;
  return row?.id;
}

/** Marks an event cancelled (again is a no-op); its refund limit, or undefined when the event is not the venue's. */
export async function markEventCancelled(sql: Sql, venueId: string, eventId: string): Promise<{ refundable_until: Date | null } | undefined> {
  const [row] = await sql<{ refundable_until: Date | null }[]>`
    update events set status = 'cancelled' where venue_id = ${venueId} and id = ${eventId} returning refundable_until`;
  return row;
}

/** The ids of an event's orders in one status, oldest first. */
export async function eventOrderIds(sql: Sql, venueId: string, eventId: string, status: OrderStatus): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from orders where venue_id = ${venueId} and event_id = ${eventId} and status = ${status}::order_status order by created_at, id`;
  return rows.map((r) => r.id);
}
