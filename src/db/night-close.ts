import type { DiscrepancyKind, LedgerKind } from '../domain/lists.js';
import type { Queryable, Sql } from './connect.js';

/**
 * Closing the night (db/migrations/012.do.deposits.sql): what the
 * reconciliation reads, the discrepancies it stores, the cash counted.
 */

export interface Discrepancy { kind: DiscrepancyKind; ref: string; expected_cents: number; actual_cents: number; delta_cents: number; message: string }

export interface CloseEvent { id: string; currency: string; closed_at: Date | null; money_since: Date }

/** The event as the close needs it; money_since is when its first payment was opened (the provider's window starts there). */
export async function eventForClose(sql: Queryable, venueId: string, eventId: string): Promise<CloseEvent | undefined> {
  const [row] = await sql<CloseEvent[]>`
    select e.id, v.currency, e.closed_at,
           coalesce((select min(p.created_at) from payments p where p.venue_id = e.venue_id and p.event_id = e.id), e.created_at) as money_since
      from events e join venues v on v.id = e.venue_id
     where e.venue_id = ${venueId} and e.id = ${eventId}`;
  return row;
}

/** Stops the night's sales: the first close's time stays. */
export async function markNightClosed(sql: Queryable, venueId: string, eventId: string, now: Date): Promise<Date> {
  const [row] = await sql<{ closed_at: Date }[]>`
    update events set closed_at = coalesce(closed_at, ${now}::timestamptz) where venue_id = ${venueId} and id = ${eventId} returning closed_at`;
  return row!.closed_at;
}

/** The ledger's entries that stand for provider objects: what reconciliation (1) compares. */
export async function providerEntries(sql: Queryable, venueId: string, eventId: string): Promise<{ kind: LedgerKind; provider_ref: string; amount_cents: number }[]> {
  return sql`
    select kind, provider_ref, amount_cents from ledger_entries
     where venue_id = ${venueId} and event_id = ${eventId} and provider_ref is not null
       and kind in ('charge', 'fee', 'refund', 'refund_failed')`;
}

/** The PaymentIntents our payments rows know for the event. */
export async function eventIntents(sql: Queryable, venueId: string, eventId: string): Promise<Set<string>> {
  const rows = await sql<{ payment_intent: string }[]>`
    select payment_intent from payments where venue_id = ${venueId} and event_id = ${eventId} and payment_intent is not null`;
  return new Set(rows.map((r) => r.payment_intent));
}

/** Tickets admitted (a first entry stands) whose order is not paid: cancelled, refunded or never paid. */
export async function admittedUnpaidTickets(sql: Queryable, venueId: string, eventId: string) {
  return sql<{ id: string; order_status: string; price_cents: number; type_name: string }[]>`
    select t.id, o.status as order_status, (tt.price_cents + tt.fee_cents)::bigint as price_cents, tt.name as type_name
      from tickets t
      join orders o on o.venue_id = t.venue_id and o.id = t.order_id
      join ticket_types tt on tt.venue_id = t.venue_id and tt.id = t.ticket_type_id
     where t.venue_id = ${venueId} and o.event_id = ${eventId} and t.first_entry_scan_id is not null and o.status <> 'paid'
     order by t.id`;
}

/** Tables that came (checked in or completed) and whose deposit held and spend are under their minimum. */
export async function tablesUnderMinimum(sql: Queryable, venueId: string, eventId: string) {
  return sql<{ id: string; table_number: string; min_spend_cents: number; reached_cents: number }[]>`
    select r.id, t.number as table_number, b.min_spend_cents, (b.deposit_held_cents + b.spent_cents)::bigint as reached_cents
      from vip_reservations r
      join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
      join reservation_balances b on b.venue_id = r.venue_id and b.reservation_id = r.id
     where r.venue_id = ${venueId} and r.event_id = ${eventId} and r.status in ('checked_in', 'completed')
       and b.min_spend_cents > 0 and b.min_spend_remaining_cents > 0
     order by t.number, r.id`;
}

export interface NightTotals {
  ledger: Record<string, number>;
  netCents: number; paidOrders: number; ticketsSold: number; ticketsAdmitted: number;
  depositsHeldCents: number; spendCents: number; cashTakenCents: number; cashCountedCents: number;
}

/**
 * The night in numbers: the ledger's sum per kind and its net (a kept
 * deposit moves no money), paid orders and their tickets, tickets admitted,
 * deposits held and spend, cash taken at the box office (paid orders with
 * no provider payment) and cash counted.
 */
export async function nightTotals(sql: Queryable, venueId: string, eventId: string): Promise<NightTotals> {
  const kinds = await sql<{ kind: string; cents: number }[]>`
    select kind, sum(amount_cents)::bigint as cents from ledger_entries where venue_id = ${venueId} and event_id = ${eventId} group by kind order by kind`;
  const [row] = await sql<Omit<NightTotals, 'ledger' | 'netCents'>[]>`
    select (select count(*)::int from orders where venue_id = ${venueId} and event_id = ${eventId} and status = 'paid') as "paidOrders",
           (select count(*)::int from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
             where o.venue_id = ${venueId} and o.event_id = ${eventId} and o.status = 'paid') as "ticketsSold",
           (select count(*)::int from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
             where o.venue_id = ${venueId} and o.event_id = ${eventId} and t.first_entry_scan_id is not null) as "ticketsAdmitted",
           (select coalesce(sum(deposit_held_cents), 0)::bigint from reservation_balances where venue_id = ${venueId} and event_id = ${eventId}) as "depositsHeldCents",
           (select coalesce(sum(spent_cents), 0)::bigint from reservation_balances where venue_id = ${venueId} and event_id = ${eventId}) as "spendCents",
           (select coalesce(sum(o.total_cents), 0)::bigint from orders o
             where o.venue_id = ${venueId} and o.event_id = ${eventId} and o.status = 'paid'
               and not exists (select 1 from payments p where p.venue_id = o.venue_id and p.order_id = o.id)) as "cashTakenCents",
           (select coalesce(sum(cents), 0)::bigint from cash_counts where venue_id = ${venueId} and event_id = ${eventId}) as "cashCountedCents"`;
  const ledger = Object.fromEntries(kinds.map((k) => [k.kind, k.cents]));
  const netCents = kinds.filter((k) => k.kind !== 'deposit').reduce((sum, k) => sum + k.cents, 0);
  return { ledger, netCents, ...row! };
}

/**
 * Stores a close: the event's discrepancies become exactly `found` (rows
 * keep their id when the same (kind, ref) is found again; those no longer
 * found go), and its totals are kept. In the caller's transaction.
 */
export async function saveClose(tx: Queryable, close: {
  venueId: string; eventId: string; closedAt: Date; closedBy: string | null; totals: NightTotals; found: Discrepancy[];
}): Promise<void> {
  const { venueId, eventId } = close;
  const found = close.found.map((d) => ({ ...d }));
  await tx`
    delete from revenue_discrepancies d
     where d.venue_id = ${venueId} and d.event_id = ${eventId}
       and (d.kind::text, d.ref) not in (select f.kind, f.ref from jsonb_to_recordset(${tx.json(found as never)}) as f(kind text, ref text))`;
  if (found.length > 0) {
    await tx`
      insert into revenue_discrepancies (venue_id, event_id, kind, ref, expected_cents, actual_cents, delta_cents, message)
      select ${venueId}, ${eventId}, f.kind::discrepancy_kind, f.ref, f.expected_cents, f.actual_cents, f.delta_cents, f.message
        from jsonb_to_recordset(${tx.json(found as never)}) as f(kind text, ref text, expected_cents bigint, actual_cents bigint, delta_cents bigint, message text)
      on conflict (venue_id, event_id, kind, ref) do update
        set expected_cents = excluded.expected_cents, actual_cents = excluded.actual_cents, delta_cents = excluded.delta_cents, message = excluded.message`;
  }
  await tx`
    insert into night_closes (venue_id, event_id, closed_at, closed_by, totals)
    values (${venueId}, ${eventId}, ${close.closedAt}, ${close.closedBy}, ${tx.json(close.totals as never)})
    on conflict (venue_id, event_id) do update set totals = excluded.totals`;
}

export async function listDiscrepancies(sql: Queryable, venueId: string, eventId: string): Promise<(Discrepancy & { id: string; found_at: Date })[]> {
  return sql`
    select id, kind, ref, expected_cents, actual_cents, delta_cents, message, found_at from revenue_discrepancies
     where venue_id = ${venueId} and event_id = ${eventId}
     order by array_position(enum_range(null::discrepancy_kind), kind), ref`;
}

/**
 * Money booked for a closed night (a webhook that came late): each new
 * provider object opens an after_close discrepancy instead of changing the
 * closed totals unseen. Closing again takes it into the totals.
 */
export async function flagAfterClose(tx: Queryable, venueId: string, eventId: string, booked: { kind: string; ref: string; amount: number }[]): Promise<void> {
  await tx`
    insert into revenue_discrepancies (venue_id, event_id, kind, ref, expected_cents, actual_cents, delta_cents, message)
    select e.venue_id, e.id, 'after_close', b.ref, 0, b.amount, b.amount,
           format('%s %s was booked after the night was closed: its totals do not include it. Close the night again.', b.kind, b.ref)
      from events e, jsonb_to_recordset(${tx.json(booked as never)}) as b(kind text, ref text, amount bigint)
     where e.venue_id = ${venueId} and e.id = ${eventId} and e.closed_at is not null
    on conflict (venue_id, event_id, kind, ref) do update
      set actual_cents = excluded.actual_cents, delta_cents = excluded.delta_cents, message = excluded.message, found_at = now()`;
}

export async function recordCashCount(sql: Sql, count: { venueId: string; eventId: string; cents: number; note: string | null; countedBy: string | null }) {
  const [row] = await sql<{ id: string; cents: number; note: string | null; counted_at: Date; total_cents: number }[]>`
    with added as (
      insert into cash_counts (venue_id, event_id, cents, note, counted_by)
      values (${count.venueId}, ${count.eventId}, ${count.cents}, ${count.note}, ${count.countedBy})
      returning id, cents, note, counted_at)
    select a.*, (a.cents + coalesce((select sum(c.cents) from cash_counts c where c.venue_id = ${count.venueId} and c.event_id = ${count.eventId}), 0))::bigint as total_cents
      from added a`;
  return row!;
}

/** The night's ledger, oldest first, for the report. */
export async function nightLedger(sql: Queryable, venueId: string, eventId: string) {
  return sql<{ at: Date; kind: string; amount_cents: number; currency: string; provider_ref: string | null; order_id: string | null; reservation_id: string | null; note: string | null }[]>`
    select at, kind, amount_cents, currency, provider_ref, order_id, reservation_id, note from ledger_entries
     where venue_id = ${venueId} and event_id = ${eventId} order by at, id`;
}
