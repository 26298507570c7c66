import type { LedgerKind, PaymentStatus, RefundStatus } from '../domain/lists.js';
import type { PaymentSnapshot, SessionSnapshot } from '../money/provider.js';
import type { Queryable, Sql } from './connect.js';
import { flagAfterClose } from './night-close.js';
import type { OrderStatus } from './orders.js';

/**
 * Provider payments, API refunds, provider events and the ledger
 * (db/migrations/010.do.money.sql). The ledger is booked only by
 * bookPaymentSnapshot: what the provider says it has, each object once.
 */


/** Whose money a payment or refund is: an order's, or a table booking's deposit. */
export type Payer = { kind: 'order' | 'reservation'; id: string };

/** The SQL condition "this row is the payer's" (an order_id or a reservation_id column). */
const ofPayer = (sql: Queryable, payer: Payer) =>
  payer.kind === 'order' ? sql`order_id = ${payer.id}` : sql`reservation_id = ${payer.id}`;

export interface PaymentRow {
  id: string; venue_id: string; event_id: string; order_id: string | null; reservation_id: string | null; checkout_session: string | null;
  payment_intent: string | null; amount_cents: number; currency: string; status: PaymentStatus; failure: string | null;
  created_at: Date; updated_at: Date;
}

export interface RefundRow {
  id: string; venue_id: string; event_id: string; order_id: string | null; reservation_id: string | null; idempotency_key: string; amount_cents: number;
  reason: string; status: RefundStatus; provider_ref: string | null; failure: string | null; created_at: Date;
}

export interface LedgerEntryRow {
  id: string; event_id: string; order_id: string | null; reservation_id: string | null; kind: LedgerKind;
  amount_cents: number; currency: string; provider_ref: string | null; at: Date;
}

export interface OrderBalance { paid_cents: number; refunded_cents: number; disputed_cents: number; fee_cents: number; balance_due_cents: number }

export async function createPayment(sql: Sql, payment: { venueId: string; eventId: string; payer: Payer; amountCents: number; currency: string }): Promise<PaymentRow> {
  const { payer } = payment;
  const [row] = await sql<PaymentRow[]>`
    insert into payments (venue_id, event_id, order_id, reservation_id, amount_cents, currency)
    values (${payment.venueId}, ${payment.eventId}, ${payer.kind === 'order' ? payer.id : null}, ${payer.kind === 'reservation' ? payer.id : null},
            ${payment.amountCents}, ${payment.currency})
    returning *`;
  return row!;
}

export async function setPaymentSession(sql: Sql, venueId: string, id: string, sessionId: string): Promise<void> {
  await sql`update payments set checkout_session = ${sessionId}, updated_at = now() where venue_id = ${venueId} and id = ${id}`;
}

export async function setPaymentStatus(sql: Queryable, venueId: string, id: string, status: PaymentStatus, failure: string | null = null): Promise<void> {
  await sql`update payments set status = ${status}, failure = ${failure}, updated_at = now() where venue_id = ${venueId} and id = ${id}`;
}

/** A booking's deposit payments and refunds, oldest first. */
export async function listReservationMoney(sql: Queryable, venueId: string, reservationId: string): Promise<{ payments: PaymentRow[]; refunds: RefundRow[] }> {
  const [payments, refunds] = await Promise.all([
    sql<PaymentRow[]>`select * from payments where venue_id = ${venueId} and reservation_id = ${reservationId} order by created_at, id`,
    sql<RefundRow[]>`select * from refunds where venue_id = ${venueId} and reservation_id = ${reservationId} order by created_at, id`,
  ]);
  return { payments, refunds };
}

export async function listOrderPayments(sql: Queryable, venueId: string, orderId: string): Promise<PaymentRow[]> {
  return sql<PaymentRow[]>`select * from payments where venue_id = ${venueId} and order_id = ${orderId} order by created_at, id`;
}

export async function listOrderRefunds(sql: Queryable, venueId: string, orderId: string): Promise<RefundRow[]> {
  return sql<RefundRow[]>`select * from refunds where venue_id = ${venueId} and order_id = ${orderId} order by created_at, id`;
}

export async function orderBalance(sql: Queryable, venueId: string, orderId: string): Promise<OrderBalance> {
  const [row] = await sql<OrderBalance[]>`
    select paid_cents, refunded_cents, disputed_cents, fee_cents, balance_due_cents
      from order_balances where venue_id = ${venueId} and order_id = ${orderId}`;
  return row ?? { paid_cents: 0, refunded_cents: 0, disputed_cents: 0, fee_cents: 0, balance_due_cents: 0 };
}

/** The payer's paid PaymentIntent, if the provider took its money. */
export async function paidIntentOf(sql: Queryable, venueId: string, payer: Payer): Promise<string | undefined> {
  const [row] = await sql<{ payment_intent: string }[]>`
    select payment_intent from payments
     where venue_id = ${venueId} and ${ofPayer(sql, payer)} and status = 'paid' and payment_intent is not null
     order by updated_at desc limit 1`;
  return row?.payment_intent;
}

/** Open sessions of orders and bookings that are no longer pending (their hold ended or they were cancelled): to expire at the provider. */
export async function sessionsToExpire(sql: Sql, limit = 100): Promise<{ venue_id: string; id: string; checkout_session: string }[]> {
  return sql`
    select p.venue_id, p.id, p.checkout_session
      from payments p
      left join orders o on o.venue_id = p.venue_id and o.id = p.order_id
      left join vip_reservations r on r.venue_id = p.venue_id and r.id = p.reservation_id
     where p.status = 'open' and p.checkout_session is not null and coalesce(o.status::text, r.status::text) <> 'pending'
     order by p.created_at limit ${limit}`;
}

/**
 * Cancelled orders that still hold money the provider took: their automatic
 * refund (idempotency key `autoKey`) is due or was interrupted. One the
 * provider refused is left to the owner (it shows on the order).
 */
export async function cancelledOrdersWithMoney(sql: Sql, autoKey: string, limit = 100): Promise<{ venue_id: string; order_id: string }[]> {
  return sql`
    select b.venue_id, b.order_id
      from order_balances b join orders o on o.venue_id = b.venue_id and o.id = b.order_id
     where o.status = 'cancelled' and b.paid_cents > b.refunded_cents
       and not exists (select 1 from refunds r where r.venue_id = b.venue_id and r.order_id = b.order_id
                                                  and r.idempotency_key = ${autoKey} and r.status = 'refused')
     limit ${limit}`;
}

/** True when this provider event was applied before (a cheap look before re-reading the provider). */
export async function paymentEventSeen(sql: Queryable, id: string): Promise<boolean> {
  const [row] = await sql`select 1 from payment_events where id = ${id}`;
  return row !== undefined;
}

/**
 * Stores the event id; false when it is already there. Call it first in the
 * transaction that applies the event: a concurrent delivery of the same
 * event waits on this row's unique key until the first one commits, then
 * finds it and changes nothing.
 */
export async function recordPaymentEvent(tx: Queryable, id: string, type: string): Promise<boolean> {
  const rows = await tx`insert into payment_events (id, type) values (${id}, ${type}) on conflict (id) do nothing returning id`;
  return rows.length === 1;
}

/** Deletes provider events older than 30 days (the provider retries for 3); returns how many. */
export async function purgePaymentEvents(sql: Sql): Promise<number> {
  return (await sql`delete from payment_events where received_at < now() - interval '30 days'`).count;
}

/** A refund asked for with an idempotency key: the existing row for (payer, key), or a new one in state requested. */
export async function findRefundByKey(tx: Queryable, venueId: string, payer: Payer, key: string): Promise<RefundRow | undefined> {
  const [row] = await tx<RefundRow[]>`
    select * from refunds where venue_id = ${venueId} and ${ofPayer(tx, payer)} and idempotency_key = ${key}`;
  return row;
}

export async function insertRefund(tx: Queryable, refund: {
  venueId: string; eventId: string; payer: Payer; key: string; amountCents: number; reason: string; requestedBy: string | null;
}): Promise<RefundRow> {
  const { payer } = refund;
  const [row] = await tx<RefundRow[]>`
    insert into refunds (venue_id, event_id, order_id, reservation_id, idempotency_key, amount_cents, reason, requested_by)
    values (${refund.venueId}, ${refund.eventId}, ${payer.kind === 'order' ? payer.id : null}, ${payer.kind === 'reservation' ? payer.id : null},
            ${refund.key}, ${refund.amountCents}, ${refund.reason}, ${refund.requestedBy})
    returning *`;
  return row!;
}

/** Money asked back but not yet answered by the provider: it cannot be asked for again meanwhile. */
export async function refundsInFlight(tx: Queryable, venueId: string, payer: Payer): Promise<number> {
  const [row] = await tx<{ cents: number }[]>`
    select coalesce(sum(amount_cents), 0)::bigint as cents from refunds
     where venue_id = ${venueId} and ${ofPayer(tx, payer)} and status = 'requested'`;
  return row!.cents;
}

/**
 * Claims the call to the provider for a requested refund: true for one
 * caller; a concurrent retry of the same refund gets false and leaves it to
 * the first. A claim older than a minute is stale (its process died
 * mid-call): the next caller takes it over and first looks for what the
 * earlier call made.
 */
export async function claimRefundCall(sql: Queryable, venueId: string, id: string, now: Date): Promise<boolean> {
  const stale = new Date(now.getTime() - 60_000);
  const rows = await sql`
    update refunds set asked_at = ${now}
     where venue_id = ${venueId} and id = ${id} and status = 'requested' and (asked_at is null or asked_at < ${stale})
    returning id`;
  return rows.length === 1;
}

/** Gives the claim back when the provider could not be reached: a retry may ask at once. */
export async function releaseRefundCall(sql: Queryable, venueId: string, id: string): Promise<void> {
  await sql`update refunds set asked_at = null where venue_id = ${venueId} and id = ${id}`;
}

export async function refuseRefund(sql: Queryable, venueId: string, id: string, failure: string): Promise<void> {
  await sql`
    update refunds set status = 'refused', failure = ${failure.slice(0, 500)}, updated_at = now()
     where venue_id = ${venueId} and id = ${id} and status = 'requested'`;
}

export async function findRefund(sql: Queryable, venueId: string, id: string): Promise<RefundRow | undefined> {
  const [row] = await sql<RefundRow[]>`select * from refunds where venue_id = ${venueId} and id = ${id}`;
  return row;
}

/** Locks the order row (the first lock of every money change to an order) and reads what booking needs. */
export async function lockOrderForMoney(tx: Queryable, venueId: string, orderId: string) {
  const [row] = await tx<{ event_id: string; status: string; total_cents: number; currency: string }[]>`
    select o.event_id, o.status, o.total_cents, v.currency
      from orders o join venues v on v.id = o.venue_id
     where o.venue_id = ${venueId} and o.id = ${orderId}
       for update of o`;
  return row;
}

interface Entry { kind: LedgerKind; amount: number; ref: string }

/** The ledger entries a provider snapshot stands for; booking them twice books nothing new. */
export function entriesOf(payment: PaymentSnapshot): Entry[] {
  const entries: Entry[] = [];
  if (payment.charge) {
    entries.push({ kind: 'charge', amount: payment.charge.amountCents, ref: payment.charge.id });
    if (payment.charge.fee && payment.charge.fee.cents > 0) entries.push({ kind: 'fee', amount: -payment.charge.fee.cents, ref: payment.charge.fee.ref });
  }
  for (const r of payment.refunds) {
    entries.push({ kind: 'refund', amount: -r.amountCents, ref: r.id });
    if (r.status === 'failed' || r.status === 'canceled') entries.push({ kind: 'refund_failed', amount: r.amountCents, ref: r.id });
  }
  for (const d of payment.disputes) {
    entries.push({ kind: 'dispute', amount: -d.amountCents, ref: d.id });
    if (d.status === 'won') entries.push({ kind: 'dispute_reversal', amount: d.amountCents, ref: d.id });
  }
  return entries;
}

const REFUND_STATUS: Record<string, RefundStatus> = { pending: 'pending', requires_action: 'pending', succeeded: 'succeeded', failed: 'failed', canceled: 'failed' };

/**
 * Books a provider snapshot for a payer whose row the caller has locked:
 * the payment's state, a ledger entry per provider object not booked yet
 * (each object once, whatever the order of events), and our refund rows'
 * outcomes.
 */
export async function bookProviderObjects(tx: Queryable, target: {
  venueId: string; eventId: string; payer: Payer; paymentId: string | undefined; session?: SessionSnapshot; payment?: PaymentSnapshot;
}): Promise<void> {
  const { venueId, payer, payment, session } = target;
  if (target.paymentId) {
    const status: PaymentStatus | undefined = payment?.charge ? 'paid'
      : payment?.failure ? 'failed'
      : session?.status === 'expired' ? 'expired' : undefined;
    await tx`
      update payments set payment_intent = coalesce(${payment?.paymentIntent ?? null}, payment_intent),
             status = coalesce(${status ?? null}::payment_status, status),
             failure = case when ${status ?? null}::payment_status = 'failed' then ${payment?.failure ?? null} else failure end,
             updated_at = now()
       where venue_id = ${venueId} and id = ${target.paymentId} and ${ofPayer(tx, payer)}`;
  }
  if (!payment) return;
  const entries = entriesOf(payment);
  if (entries.length > 0) {
    const orderId = payer.kind === 'order' ? payer.id : null;
    const reservationId = payer.kind === 'reservation' ? payer.id : null;
    const booked = await tx<{ kind: string; ref: string; amount: number }[]>`
      insert into ledger_entries (venue_id, event_id, order_id, reservation_id, payment_id, kind, amount_cents, currency, provider_ref)
      select ${venueId}, ${target.eventId}, ${orderId}::uuid, ${reservationId}::uuid, ${target.paymentId ?? null}::uuid, e.kind::ledger_kind,
             e.amount, ${payment.currency}, e.ref
        from jsonb_to_recordset(${tx.json(entries as never)}) as e(kind text, amount bigint, ref text)
      on conflict (venue_id, kind, provider_ref) do nothing
      returning kind, provider_ref as ref, amount_cents as amount`;
    // A fee follows its charge: the charge's discrepancy says it.
    const late = booked.filter((b) => b.kind !== 'fee');
    if (late.length > 0) await flagAfterClose(tx, venueId, target.eventId, late);
  }
  for (const r of payment.refunds) {
    if (!r.refundId || !/^[0-9a-f-]{36}$/.test(r.refundId)) continue;
    await tx`
      update refunds set provider_ref = ${r.id}, status = ${REFUND_STATUS[r.status] ?? 'pending'}::refund_status,
             failure = ${r.failure}, updated_at = now()
       where venue_id = ${venueId} and id = ${r.refundId} and ${ofPayer(tx, payer)}`;
  }
}

/**
 * Books what the provider has for one order, in the caller's transaction:
 * the payment's state, a ledger entry per provider object not booked yet,
 * our refund rows' outcomes, then the order's status from the ledger.
 * Locks: the order row first (lockOrderForMoney), then, through
 * set_order_status, its ticket types in id order. Returns whether the
 * order is cancelled but keeps money (paid after its hold ended, or
 * cancelled by staff): the caller refunds it after commit.
 */
export async function bookPaymentSnapshot(tx: Queryable, target: {
  venueId: string; orderId: string; paymentId: string | undefined; session?: SessionSnapshot; payment?: PaymentSnapshot;
}): Promise<{ cancelledWithMoney: boolean }> {
  const { venueId, orderId, payment, session } = target;
  const order = await lockOrderForMoney(tx, venueId, orderId);
  if (!order) return { cancelledWithMoney: false };
  await bookProviderObjects(tx, { venueId, eventId: order.event_id, payer: { kind: 'order', id: orderId }, paymentId: target.paymentId, session, payment });

  const balance = await orderBalance(tx, venueId, orderId);
  if (balance.paid_cents > 0 && order.status === 'pending') {
    await tx`select set_order_status(${venueId}, ${orderId}, 'paid')`;
  } else if (balance.paid_cents > 0 && balance.refunded_cents >= balance.paid_cents && order.status === 'paid') {
    await tx`select set_order_status(${venueId}, ${orderId}, 'refunded')`;
    await revokeOrderCodes(tx, venueId, orderId);
  } else if (order.status === 'pending' && session?.status === 'expired' && balance.paid_cents === 0) {
    await tx`select set_order_status(${venueId}, ${orderId}, 'cancelled')`;
  }
  return { cancelledWithMoney: order.status === 'cancelled' && balance.refunded_cents < balance.paid_cents };
}

/** Puts every ticket of the order on the event's revocation list, so scanners deciding offline refuse them too. */
export async function revokeOrderCodes(tx: Queryable, venueId: string, orderId: string): Promise<void> {
  await tx`
    insert into code_revocations (venue_id, event_id, subject_kind, subject_id, serial)
    select venue_id, event_id, 'ticket', id, code_serial from tickets where venue_id = ${venueId} and order_id = ${orderId}
    on conflict do nothing`;
}

export async function listLedger(sql: Sql, venueId: string, eventId: string, page: { limit: number; after: { at: Date; id: string } | null }): Promise<LedgerEntryRow[]> {
  return sql<LedgerEntryRow[]>`
    select id, event_id, order_id, reservation_id, kind, amount_cents, currency, provider_ref, at
      from ledger_entries
     where venue_id = ${venueId} and event_id = ${eventId}
       ${page.after ? sql`and (at, id) > (${page.after.at}, ${page.after.id})` : sql``}
     order by at, id limit ${page.limit + 1}`;
}

export interface MoneySummary {
  gross_cents: number; fee_cents: number; refund_cents: number; dispute_cents: number; net_cents: number;
  paid_orders: number; tickets_sold: number;
}

/**
 * The night's money from its ledger: what came in (charges), what the
 * provider kept (fees), what went back (refunds less failed ones), what
 * disputes hold (less those won), and the net of every entry that moves
 * money (a kept deposit's entry does not: its charge is counted); with the
 * paid orders and their tickets.
 */
export async function moneySummary(sql: Sql, venueId: string, eventId: string): Promise<MoneySummary> {
  const [row] = await sql<MoneySummary[]>`
    select coalesce(sum(amount_cents) filter (where kind = 'charge'), 0)::bigint as gross_cents,
           (-coalesce(sum(amount_cents) filter (where kind = 'fee'), 0))::bigint as fee_cents,
           (-coalesce(sum(amount_cents) filter (where kind in ('refund', 'refund_failed')), 0))::bigint as refund_cents,
           (-coalesce(sum(amount_cents) filter (where kind in ('dispute', 'dispute_reversal')), 0))::bigint as dispute_cents,
           coalesce(sum(amount_cents) filter (where kind <> 'deposit'), 0)::bigint as net_cents,
           (select count(*)::int from orders where venue_id = ${venueId} and event_id = ${eventId} and status = 'paid') as paid_orders,
           (select count(*)::int from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
             where o.venue_id = ${venueId} and o.event_id = ${eventId} and o.status = 'paid') as tickets_sold
      from ledger_entries where venue_id = ${venueId} and event_id = ${eventId}`;
  return row!;
}

export interface OrderSummaryRow {
  id: string; status: OrderStatus; buyer_name: string; buyer_email: string; total_cents: number; paid_cents: number;
  refunded_cents: number; tickets: number; created_at: Date;
}

/** An event's orders, newest first, with what the ledger says each paid and got back. */
export async function listEventOrders(sql: Sql, venueId: string, eventId: string, page: { limit: number; after: { at: Date; id: string } | null }): Promise<OrderSummaryRow[]> {
  return sql<OrderSummaryRow[]>`
    select o.id, o.status, o.buyer_name, o.buyer_email, o.total_cents, b.paid_cents, b.refunded_cents, o.created_at,
           (select count(*)::int from tickets t where t.venue_id = o.venue_id and t.order_id = o.id) as tickets
      from orders o join order_balances b on b.venue_id = o.venue_id and b.order_id = o.id
     where o.venue_id = ${venueId} and o.event_id = ${eventId}
       ${page.after ? sql`and (o.created_at, o.id) < (${page.after.at}, ${page.after.id})` : sql``}
     order by o.created_at desc, o.id desc limit ${page.limit + 1}`;
}
