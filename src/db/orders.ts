import { DomainError, notFound } from '../domain/errors.js';
import type { OrderStatus, PassStatus, ReentryPolicy, SubjectKind } from '../domain/lists.js';
import type { Queryable, Sql } from './connect.js';
import { translateDbError } from './errors.js';
import { listOrderPayments, listOrderRefunds, orderBalance, type OrderBalance, type PaymentRow, type RefundRow } from './payments.js';
import type { CodeIssuer, EventRef } from './keys.js';

export type { OrderStatus, ReentryPolicy };

/** A pending order holds its tickets this long unless told otherwise (MAGUEY_ORDER_HOLD_MINUTES). */
export const DEFAULT_HOLD_MINUTES = 15;

export interface TicketTypeRow {
  id: string; venue_id: string; event_id: string; name: string; price_cents: number; fee_cents: number;
  inventory: number | null; sold: number; reentry: ReentryPolicy;
  valid_from: Date | null; valid_until: Date | null; created_at: Date;
}

export interface TicketRow {
  id: string; event_id: string; venue_id: string; ticket_type_id: string; order_id: string;
  reservation_id: string | null; holder_name: string | null; code: string; code_serial: number;
  status: PassStatus; inside: boolean; first_entry_at: Date | null;
}

export interface OrderRow {
  id: string; event_id: string; venue_id: string; buyer_name: string; buyer_email: string; status: OrderStatus;
  total_cents: number; fee_cents: number; paid_at: Date | null; created_at: Date;
  created_by: string | null; expires_at: Date | null;
}

/** An order with its tickets and its money (derived from the ledger; payments and refunds asked for). */
export interface OrderWithTickets extends OrderRow {
  tickets: TicketRow[]; balance: OrderBalance; payments: PaymentRow[]; refunds: RefundRow[];
}

export async function createTicketType(sql: Sql, type: {
  venueId: string; eventId: string; name: string; priceCents: number; feeCents?: number; inventory?: number | null;
  reentry?: ReentryPolicy; validFrom?: Date | null; validUntil?: Date | null;
}): Promise<TicketTypeRow> {
  const [row] = await sql<TicketTypeRow[]>`
    insert into ticket_types (venue_id, event_id, name, price_cents, fee_cents, inventory, reentry, valid_from, valid_until)
    values (${type.venueId}, ${type.eventId}, ${type.name}, ${type.priceCents}, ${type.feeCents ?? 0}, ${type.inventory ?? null},
            ${type.reentry ?? 'never'}, ${type.validFrom ?? null}, ${type.validUntil ?? null})
    returning *`;
  return row!;
}

export async function listTicketTypes(sql: Sql, { venueId, eventId }: EventRef): Promise<TicketTypeRow[]> {
  return sql<TicketTypeRow[]>`
    select * from ticket_types where venue_id = ${venueId} and event_id = ${eventId} order by created_at, id`;
}

/** Fields of a ticket type an editor may change; a key left out keeps its value, null clears a nullable one. */
export interface TicketTypePatch {
  name?: string; priceCents?: number; feeCents?: number; inventory?: number | null; reentry?: ReentryPolicy;
  validFrom?: Date | null; validUntil?: Date | null;
}

export async function updateTicketType(sql: Sql, venueId: string, id: string, patch: TicketTypePatch): Promise<TicketTypeRow | undefined> {
  const [row] = await sql<TicketTypeRow[]>`
    update ticket_types t set
      name        = case when ${'name' in patch} then ${patch.name ?? null}::text else t.name end,
      price_cents = case when ${'priceCents' in patch} then ${patch.priceCents ?? null}::integer else t.price_cents end,
      fee_cents   = case when ${'feeCents' in patch} then ${patch.feeCents ?? null}::integer else t.fee_cents end,
      inventory   = case when ${'inventory' in patch} then ${patch.inventory ?? null}::integer else t.inventory end,
      reentry     = case when ${'reentry' in patch} then ${patch.reentry ?? null}::reentry_policy else t.reentry end,
      valid_from  = case when ${'validFrom' in patch} then ${patch.validFrom ?? null}::timestamptz else t.valid_from end,
      valid_until = case when ${'validUntil' in patch} then ${patch.validUntil ?? null}::timestamptz else t.valid_until end
     where t.venue_id = ${venueId} and t.id = ${id}
    returning t.*`;
  return row;
}

/** The ticket type of this venue with this id, if any. */
export async function findTicketType(sql: Sql, venueId: string, id: string): Promise<TicketTypeRow | undefined> {
  const [row] = await sql<TicketTypeRow[]>`
    select * from ticket_types where venue_id = ${venueId} and id = ${id}`;
  return row;
}

const TICKET_COLUMNS = (sql: Queryable) => sql`
  t.id, t.event_id, t.venue_id, t.ticket_type_id, t.order_id, t.reservation_id, t.holder_name, t.code,
  t.code_serial, t.status, t.inside, f.recorded_at as first_entry_at`;

export async function findTicket(sql: Queryable, venueId: string, id: string): Promise<TicketRow | undefined> {
  const [row] = await sql<TicketRow[]>`
    select ${TICKET_COLUMNS(sql)}
      from tickets t left join scan_log f on f.venue_id = t.venue_id and f.id = t.first_entry_scan_id
     where t.venue_id = ${venueId} and t.id = ${id}`;
  return row;
}

export async function findOrder(sql: Queryable, venueId: string, id: string): Promise<OrderWithTickets | undefined> {
  const [order] = await sql<OrderRow[]>`select * from orders where venue_id = ${venueId} and id = ${id}`;
  if (!order) return undefined;
  const tickets = await sql<TicketRow[]>`
    select ${TICKET_COLUMNS(sql)}
      from tickets t left join scan_log f on f.venue_id = t.venue_id and f.id = t.first_entry_scan_id
     where t.venue_id = ${venueId} and t.order_id = ${id} order by t.created_at, t.id`;
  const [balance, payments, refunds] = await Promise.all([
    orderBalance(sql, venueId, id), listOrderPayments(sql, venueId, id), listOrderRefunds(sql, venueId, id),
  ]);
  return { ...order, tickets, balance, payments, refunds };
}

/**
 * Sells tickets: place_order (db/functions/place_order.sql) takes the inventory and
 * writes order, lines and tickets in one transaction; each ticket then gets
 * its signed code in the same transaction. Sold out → 409, nothing written.
 */
export async function placeOrder(sql: Sql, issuer: CodeIssuer, order: {
  venueId: string; eventId: string; buyerName: string; buyerEmail: string; lines: { ticketTypeId: string; quantity: number }[];
  paid: boolean; createdBy: string | null;
  /** The promoter the sale is attributed to (their report and commission). */
  promoterId?: string | null;
  /** How long a pending order holds its tickets before release_expired_orders() gives them back. */
  holdMinutes?: number;
}): Promise<OrderWithTickets> {
  const orderId = await sql.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      select place_order(${order.venueId}, ${order.eventId}, ${order.buyerName}, ${order.buyerEmail},
                         ${tx.json(order.lines)}, ${order.paid}, ${order.createdBy}) as id`
      .catch(translateDbError);
    // Two statements, not one CASE: Citus refuses now() inside a CASE of an UPDATE.
    await tx`
      update orders set expires_at = now() + make_interval(mins => ${order.holdMinutes ?? DEFAULT_HOLD_MINUTES})
       where venue_id = ${order.venueId} and id = ${row!.id} and status = 'pending'`;
    if (order.promoterId) {
      await tx`update orders set promoter_id = ${order.promoterId} where venue_id = ${order.venueId} and id = ${row!.id}`;
    }
    const tickets = await tx<{ id: string }[]>`select id from tickets where venue_id = ${order.venueId} and order_id = ${row!.id}`;
    const codes = [];
    for (const t of tickets) codes.push({ id: t.id, code: await issuer.issue(tx, order, { kind: 'ticket', id: t.id, serial: 1 }) });
    if (codes.length > 0) {
      await tx`
        update tickets t set code = c.code from (values ${tx(codes.map((c) => [c.id, c.code]))}) as c(id, code)
         where t.venue_id = ${order.venueId} and t.id = c.id::uuid`;
    }
    return row!.id;
  });
  return (await findOrder(sql, order.venueId, orderId))!;
}

/** Cancels the pending orders whose hold has ended, in every venue, and gives their tickets back; returns how many. */
export async function releaseExpiredOrders(sql: Sql): Promise<number> {
  const [row] = await sql<{ released: number }[]>`select release_expired_orders() as released`;
  return row!.released;
}

/** Pay, cancel or refund (db/functions/set_order_status.sql); the trigger refuses what the order's state forbids (409). */
export async function setOrderStatus(sql: Sql, venueId: string, id: string, status: OrderStatus): Promise<OrderWithTickets> {
  await sql`select set_order_status(${venueId}, ${id}, ${status}::order_status)`.catch(translateDbError);
  return (await findOrder(sql, venueId, id))!;
}

/**
 * Links a ticket to a VIP reservation of the same event, before its holder
 * has come in. The table seats its guests plus its linked tickets: a link
 * past its capacity is 409 table_full. Locks, in the scan's order: the
 * ticket, then the reservation (so two links to one table serialise).
 */
export async function linkTicket(sql: Sql, venueId: string, ticketId: string, reservationId: string): Promise<TicketRow> {
  await sql.begin(async (tx) => {
    const [ticket] = await tx<{ status: string; reservation_id: string | null }[]>`
      select status, reservation_id from tickets where venue_id = ${venueId} and id = ${ticketId} for update`;
    if (!ticket) throw notFound('ticket', ticketId);
    if (ticket.status !== 'issued') {
      throw new DomainError(409, 'already_entered', 'a ticket can be linked to a table only before its holder comes in');
    }
    if (ticket.reservation_id === reservationId) return;
    const [seats] = await tx<{ capacity: number; taken: number }[]>`
      select t.capacity, r.guest_count + (select count(*)::int from tickets k
                                           where k.venue_id = r.venue_id and k.reservation_id = r.id) as taken
        from vip_reservations r join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
       where r.venue_id = ${venueId} and r.id = ${reservationId}
         for update of r`;
    if (!seats) throw notFound('reservation', reservationId);
    if (seats.taken >= seats.capacity) {
      throw new DomainError(409, 'table_full', `the table seats ${seats.capacity}: its guests and linked tickets fill it`);
    }
    await tx`update tickets set reservation_id = ${reservationId} where venue_id = ${venueId} and id = ${ticketId}`;
  });
  return (await findTicket(sql, venueId, ticketId))!;
}

/** The table that holds each kind of subject (its code and serial). */
const SUBJECT_TABLES: Record<SubjectKind, string> = { vip_pass: 'guest_passes', ticket: 'tickets', guest: 'guests' };

/**
 * Re-issues a pass's, ticket's or guest's code (a transfer, a leaked
 * screenshot): the serial goes up, the old code lands on the event's
 * revocation list and no longer admits, online or offline.
 */
export async function reissueCode(sql: Sql, issuer: CodeIssuer, venueId: string, kind: SubjectKind, id: string): Promise<string> {
  return sql.begin(async (tx) => {
    // Lock: the subject row, as a scan locks it, so a scan sees the old code or the new one.
    const table = SUBJECT_TABLES[kind];
    const [row] = await tx<{ event_id: string; code_serial: number }[]>`
      select event_id, code_serial from ${tx(table)} where venue_id = ${venueId} and id = ${id} for update`;
    if (!row) throw notFound(kind === 'vip_pass' ? 'pass' : kind, id);
    const serial = row.code_serial + 1;
    if (serial > 0xffff) throw new DomainError(409, 'too_many_reissues', 'this code was re-issued too many times');
    const code = await issuer.issue(tx, { venueId, eventId: row.event_id }, { kind, id, serial });
    await tx`
      insert into code_revocations (venue_id, event_id, subject_kind, subject_id, serial)
      values (${venueId}, ${row.event_id}, ${kind}, ${id}, ${row.code_serial}) on conflict do nothing`;
    await tx`update ${tx(table)} set code = ${code}, code_serial = ${serial} where venue_id = ${venueId} and id = ${id}`;
    return code;
  });
}
