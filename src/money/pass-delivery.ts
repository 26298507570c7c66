import type { Sql } from '../db/connect.js';
import { claimPassMail, hostLocale, releasePassMail, unmailedBookings } from '../db/deposits.js';
import { bookingPassesMail } from '../mail/booking-passes.js';
import type { Mailer } from '../mail/mailer.js';

export interface PassDeliveryDeps { sql: Sql; mailer: Mailer }

/**
 * Mails a booking's passes to its host once its deposit is paid, once: the
 * booking is claimed first (passes_mailed_at), so concurrent webhooks and
 * the housekeeping sweep send one mail; a failed send gives the claim back.
 * Returns whether this call sent it.
 */
export async function mailBookingPasses(deps: PassDeliveryDeps, venueId: string, id: string): Promise<boolean> {
  if (!(await claimPassMail(deps.sql, venueId, id))) return false;
  try {
    const mail = (await bookingPassesMail(deps.sql, venueId, id, { locale: await hostLocale(deps.sql, venueId, id) }))!;
    await deps.mailer.send(await mail.render(mail.to!));
    return true;
  } catch (error) {
    await releasePassMail(deps.sql, venueId, id);
    throw error;
  }
}

/** The sweep: mails every paid booking whose passes are still due; returns how many it sent. */
export async function mailUnsentPasses(deps: PassDeliveryDeps): Promise<number> {
  let sent = 0;
  for (const booking of await unmailedBookings(deps.sql)) {
    if (await mailBookingPasses(deps, booking.venue_id, booking.id)) sent++;
  }
  return sent;
}
