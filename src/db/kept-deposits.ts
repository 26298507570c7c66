import type { Queryable } from './connect.js';

/**
 * When the venue keeps a booking's deposit: on a no-show, and on a
 * cancellation after the event's refundableUntil. Called from the
 * reservation's status move (moveReservation, src/db/reservations.ts).
 */

/** True when the event's deposits are no longer refundable at `now` (its refundableUntil passed). */
export async function pastRefundLimit(tx: Queryable, venueId: string, eventId: string, now: Date): Promise<boolean> {
  const [row] = await tx<{ past: boolean }[]>`
    select coalesce(refundable_until < ${now}, false) as past from events where venue_id = ${venueId} and id = ${eventId}`;
  return row?.past ?? false;
}

/** Records that the venue keeps the deposit it holds (one `deposit` entry per booking, none when it holds nothing). */
export async function keepDeposit(tx: Queryable, venueId: string, id: string, note: string): Promise<void> {
  await tx`
    insert into ledger_entries (venue_id, event_id, reservation_id, kind, amount_cents, currency, note)
    select b.venue_id, b.event_id, b.reservation_id, 'deposit', b.deposit_held_cents, v.currency, ${note}
      from reservation_balances b join venues v on v.id = b.venue_id
     where b.venue_id = ${venueId} and b.reservation_id = ${id} and b.deposit_held_cents > 0
    on conflict (venue_id, reservation_id) where kind = 'deposit' do nothing`;
}
