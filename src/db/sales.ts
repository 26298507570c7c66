import type { Sql } from './connect.js';
import type { EventRow } from './events.js';
import type { TicketTypeRow } from './orders.js';

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

export async function ticketTypesOnSale(sql: Sql, event: { venue_id: string; id: string }): Promise<(TicketTypeRow & { available: number | null })[]> {
  return sql`
    select t.*, case when t.inventory is null then null else t.inventory - t.sold end as available
      from ticket_types t
     where t.venue_id = ${event.venue_id} and t.event_id = ${event.id}
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
