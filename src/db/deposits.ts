import type { ReservationStatus } from '../domain/lists.js';
import type { PaymentSnapshot, SessionSnapshot } from '../money/provider.js';
import type { Queryable, Sql } from './connect.js';
import type { CodeIssuer } from './keys.js';
import { bookProviderObjects } from './payments.js';
import { moveReservation } from './reservations.js';

/**
 * A table booking's deposit (db/migrations/012.do.deposits.sql): booked
 * from the provider like an order's payment, kept on a no-show, and the
 * unpaid booking's hold on its table.
 */

export interface ReservationBalance {
  deposit_cents: number; min_spend_cents: number; paid_cents: number; refunded_cents: number; deposit_held_cents: number;
  spent_cents: number; kept_cents: number; min_spend_remaining_cents: number; balance_due_cents: number;
}

/** Locks the booking row (the first lock of every money change to a booking) and reads what booking needs. */
export async function lockReservationForMoney(tx: Queryable, venueId: string, id: string) {
  const [row] = await tx<{ event_id: string; status: ReservationStatus; currency: string }[]>`
    select r.event_id, r.status, v.currency
      from vip_reservations r join venues v on v.id = r.venue_id
     where r.venue_id = ${venueId} and r.id = ${id}
       for update of r`;
  return row;
}

export async function reservationBalance(sql: Queryable, venueId: string, id: string): Promise<ReservationBalance | undefined> {
  const [row] = await sql<ReservationBalance[]>`
    select deposit_cents, min_spend_cents, paid_cents, refunded_cents, deposit_held_cents, spent_cents, kept_cents,
           min_spend_remaining_cents, balance_due_cents
      from reservation_balances where venue_id = ${venueId} and reservation_id = ${id}`;
  return row;
}

/**
 * Books what the provider has for one booking's deposit, in the caller's
 * transaction. Locks the booking row first (lockReservationForMoney). A
 * paid deposit confirms a pending booking and issues its passes; a
 * session that expired unpaid cancels it (the table is free). Returns
 * whether the booking is cancelled and still holds a deposit it does not
 * keep (paid after its hold ended, or cancelled in time): the caller
 * refunds it after commit.
 */
export async function bookDepositSnapshot(tx: Queryable, issuer: CodeIssuer, target: {
  venueId: string; reservationId: string; paymentId: string | undefined; session?: SessionSnapshot; payment?: PaymentSnapshot; now: Date;
}): Promise<{ refundDue: boolean }> {
  const { venueId, reservationId: id, now } = target;
  const booking = await lockReservationForMoney(tx, venueId, id);
  if (!booking) return { refundDue: false };
  await bookProviderObjects(tx, {
    venueId, eventId: booking.event_id, payer: { kind: 'reservation', id }, paymentId: target.paymentId, session: target.session, payment: target.payment,
  });
  const balance = (await reservationBalance(tx, venueId, id))!;
  let status = booking.status;
  if (status === 'pending' && balance.paid_cents > 0) {
    await moveReservation(tx, venueId, id, 'confirmed', issuer, now);
    status = 'confirmed';
  } else if (status === 'pending' && target.session?.status === 'expired' && balance.paid_cents === 0) {
    await moveReservation(tx, venueId, id, 'cancelled', issuer, now);
    status = 'cancelled';
  }
  return { refundDue: status === 'cancelled' && balance.deposit_held_cents > 0 && balance.kept_cents === 0 };
}

/**
 * Cancels every unpaid booking whose hold ended, in every venue: the table
 * is free again. Locks the expired bookings, skipping any another
 * transaction holds (its deposit is being booked). A deposit paid after
 * this is refunded by its webhook. Returns the bookings cancelled.
 */
export async function releaseExpiredBookings(sql: Sql, now: Date): Promise<number> {
  const rows = await sql`
    update vip_reservations r set status = 'cancelled'
     where (r.venue_id, r.id) in (
             select x.venue_id, x.id from vip_reservations x
              where x.status = 'pending' and x.hold_expires_at <= ${now}
                and not exists (select 1 from ledger_entries e where e.venue_id = x.venue_id and e.reservation_id = x.id and e.kind = 'charge')
              order by x.venue_id, x.id for update skip locked)
    returning r.id`;
  return rows.length;
}

/**
 * Cancelled bookings that still hold a deposit they do not keep: their
 * automatic refund (idempotency key `autoKey`) is due or was interrupted.
 * One the provider refused is left to the owner.
 */
export async function cancelledBookingsWithDeposit(sql: Sql, autoKey: string, limit = 100): Promise<{ venue_id: string; reservation_id: string }[]> {
  return sql`
    select b.venue_id, b.reservation_id
      from reservation_balances b join vip_reservations r on r.venue_id = b.venue_id and r.id = b.reservation_id
     where r.status = 'cancelled' and b.deposit_held_cents > 0 and b.kept_cents = 0
       and not exists (select 1 from refunds f where f.venue_id = b.venue_id and f.reservation_id = b.reservation_id
                                                  and f.idempotency_key = ${autoKey} and f.status = 'refused')
     limit ${limit}`;
}

/** Claims the mail of a booking's passes (once per booking): false when it was claimed before. */
export async function claimPassMail(sql: Sql, venueId: string, id: string): Promise<boolean> {
  const rows = await sql`
    update vip_reservations set passes_mailed_at = now()
     where venue_id = ${venueId} and id = ${id} and passes_mailed_at is null and host_email is not null
       and status in ('confirmed', 'checked_in')
    returning id`;
  return rows.length === 1;
}

export async function releasePassMail(sql: Sql, venueId: string, id: string): Promise<void> {
  await sql`update vip_reservations set passes_mailed_at = null where venue_id = ${venueId} and id = ${id}`;
}

/** Bookings paid by deposit whose passes are not mailed yet (the sweep's work). */
export async function unmailedBookings(sql: Sql, limit = 100): Promise<{ venue_id: string; id: string }[]> {
  return sql`
    select venue_id, id from vip_reservations
     where status in ('confirmed', 'checked_in') and hold_expires_at is not null and passes_mailed_at is null and host_email is not null
     order by venue_id, id limit ${limit}`;
}

export async function hostLocale(sql: Sql, venueId: string, id: string): Promise<'en' | 'es'> {
  const [row] = await sql<{ host_locale: 'en' | 'es' }[]>`select host_locale from vip_reservations where venue_id = ${venueId} and id = ${id}`;
  return row?.host_locale ?? 'en';
}

/** An event's tables as the public booking page shows them: bookable when they take a deposit and have no live booking. */
export async function publicTables(sql: Sql, venueId: string, eventId: string) {
  return sql<{ id: string; number: string; tier: string | null; capacity: number; deposit_cents: number; min_spend_cents: number; x: number | null; y: number | null; available: boolean }[]>`
    select t.id, t.number, t.tier, t.capacity, t.deposit_cents, t.min_spend_cents, t.x, t.y,
           t.deposit_cents > 0 and not exists (
             select 1 from vip_reservations r where r.venue_id = t.venue_id and r.table_id = t.id and r.status in ('pending', 'confirmed', 'checked_in')) as available
      from vip_tables t where t.venue_id = ${venueId} and t.event_id = ${eventId}
     order by length(t.number), t.number`;
}
