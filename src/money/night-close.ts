import type { Sql } from '../db/connect.js';
import {
  admittedUnpaidTickets, eventForClose, eventIntents, markNightClosed, nightTotals, providerEntries, saveClose, tablesUnderMinimum,
  type Discrepancy, type NightTotals,
} from '../db/night-close.js';
import { notFound } from '../domain/errors.js';
import type { BalanceTransaction, PaymentProvider } from './provider.js';
import { compareCash, compareWithProvider, formatCents } from './reconcile.js';

export interface CloseDeps { sql: Sql; provider: PaymentProvider; thresholdCents: number }

export interface NightClose { closedAt: Date; totals: NightTotals; discrepancies: Discrepancy[] }

/** The provider's clock and ours may differ by a little; the window is widened by this much on each side. */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Closes the night: sales stop (events.closed_at, kept from the first
 * close), then the night is reconciled four ways and every difference of
 * at least the threshold stored in revenue_discrepancies, replacing what an
 * earlier close found: closing twice with nothing changed gives the same
 * result.
 *
 * 1. The ledger against the provider's balance transactions since the
 *    night's first payment (read through the SDK). A transaction is the
 *    night's when its PaymentIntent is one of the night's payments, or,
 *    unknown to us (its webhook never came), when the provider's metadata
 *    names this event.
 * 2. Tickets admitted whose order is not paid.
 * 3. Tables that came, against their minimum (deposit held plus spend).
 * 4. Cash counted against the box office's cash.
 */
export async function closeNight(deps: CloseDeps, venueId: string, eventId: string, closedBy: string | null, now = new Date()): Promise<NightClose> {
  const event = await eventForClose(deps.sql, venueId, eventId);
  if (!event) throw notFound('event', eventId);
  const closedAt = await markNightClosed(deps.sql, venueId, eventId, now);
  const options = { currency: event.currency, thresholdCents: deps.thresholdCents };

  const provider = await nightTransactions(deps, venueId, eventId, event.money_since, now);
  const totals = await nightTotals(deps.sql, venueId, eventId);
  const found = [
    ...compareWithProvider(await providerEntries(deps.sql, venueId, eventId), provider, options),
    ...(await admittedUnpaidTickets(deps.sql, venueId, eventId)).map((t): Discrepancy => ({
      kind: 'admitted_unpaid', ref: t.id, expected_cents: t.price_cents, actual_cents: 0, delta_cents: -t.price_cents,
      message: `A ${t.type_name} ticket was admitted but its order is ${t.order_status}: ${formatCents(t.price_cents, event.currency)} not taken. Check the door log for who let it in.`,
    })).filter((d) => Math.abs(d.delta_cents) >= deps.thresholdCents),
    ...(await tablesUnderMinimum(deps.sql, venueId, eventId)).map((t): Discrepancy => ({
      kind: 'under_minimum', ref: t.id, expected_cents: t.min_spend_cents, actual_cents: t.reached_cents, delta_cents: t.reached_cents - t.min_spend_cents,
      message: `Table ${t.table_number} reached ${formatCents(t.reached_cents, event.currency)} of its ${formatCents(t.min_spend_cents, event.currency)} minimum (deposit included). Charge the difference or note why it was waived.`,
    })).filter((d) => Math.abs(d.delta_cents) >= deps.thresholdCents),
    ...compareCash(totals.cashTakenCents, totals.cashCountedCents, options),
  ];
  await deps.sql.begin((tx) => saveClose(tx, { venueId, eventId, closedAt, closedBy, totals, found }));
  return { closedAt, totals, discrepancies: found };
}

/** The provider's balance transactions of this night (see closeNight, 1). */
async function nightTransactions(deps: CloseDeps, venueId: string, eventId: string, since: Date, now: Date): Promise<BalanceTransaction[]> {
  const all = await deps.provider.balanceTransactions(new Date(since.getTime() - CLOCK_SLACK_MS), new Date(now.getTime() + CLOCK_SLACK_MS));
  const known = await eventIntents(deps.sql, venueId, eventId);
  const strangers = [...new Set(all.map((t) => t.paymentIntent).filter((pi): pi is string => pi !== null && !known.has(pi)))];
  const ours = new Set(known);
  for (const pi of strangers) {
    const metadata = await deps.provider.paymentMetadata(pi);
    if (metadata.venueId === venueId && metadata.eventId === eventId) ours.add(pi);
  }
  return all.filter((t) => t.paymentIntent !== null && ours.has(t.paymentIntent));
}
