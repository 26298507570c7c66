import type { Sql } from './connect.js';

export type SpendOutcome =
  | { kind: 'booked' | 'replayed'; entryId: string }
  /** The reference was used before for another amount. */
  | { kind: 'ref_conflict'; amountCents: number }
  /** The booking is not seated: pending, cancelled or a no-show. */
  | { kind: 'not_seated'; status: string }
  /** The night was closed: its totals take no more spend. */
  | { kind: 'night_closed' }
  | { kind: 'not_found' };

/** A table's spend is taken from its confirmation until the night is over. */
const SEATED = ['confirmed', 'checked_in', 'completed'];

/**
 * Books a table's spend from a point of sale: one `spend` entry per
 * (booking, ref), so a resent ticket books nothing new. Locks the booking
 * row (key share: a status move waits, another spend does not), then
 * inserts; a conflicting ref is read back to tell a retry (same amount)
 * from a mistake (another amount).
 */
export async function recordSpend(sql: Sql, spend: {
  venueId: string; reservationId: string; amountCents: number; ref: string; note: string | null;
}): Promise<SpendOutcome> {
  return sql.begin(async (tx) => {
    const [booking] = await tx<{ event_id: string; status: string; currency: string; closed: boolean }[]>`
      select r.event_id, r.status, v.currency, e.closed_at is not null as closed
        from vip_reservations r join venues v on v.id = r.venue_id join events e on e.venue_id = r.venue_id and e.id = r.event_id
       where r.venue_id = ${spend.venueId} and r.id = ${spend.reservationId}
         for key share of r`;
    if (!booking) return { kind: 'not_found' } as const;
    if (booking.closed) return { kind: 'night_closed' } as const;
    const [inserted] = await tx<{ id: string }[]>`
      insert into ledger_entries (venue_id, event_id, reservation_id, kind, amount_cents, currency, pos_ref, note)
      select ${spend.venueId}, ${booking.event_id}, ${spend.reservationId}, 'spend', ${spend.amountCents}, ${booking.currency}, ${spend.ref}, ${spend.note}
       where ${booking.status} = any(${SEATED}::text[])
      on conflict (venue_id, reservation_id, pos_ref) where pos_ref is not null do nothing
      returning id`;
    if (inserted) return { kind: 'booked', entryId: inserted.id } as const;
    const [earlier] = await tx<{ id: string; amount_cents: number }[]>`
      select id, amount_cents from ledger_entries
       where venue_id = ${spend.venueId} and reservation_id = ${spend.reservationId} and pos_ref = ${spend.ref}`;
    if (!earlier) return { kind: 'not_seated', status: booking.status } as const;
    return earlier.amount_cents === spend.amountCents
      ? { kind: 'replayed', entryId: earlier.id } as const
      : { kind: 'ref_conflict', amountCents: earlier.amount_cents } as const;
  });
}
