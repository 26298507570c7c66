import type { Sql } from '../db/connect.js';
import { claimTicketMail, releaseTicketMail, ticketMailContent, unmailedOrders } from '../db/sales.js';
import type { Mailer } from '../mail/mailer.js';
import { renderTicketMail } from '../mail/ticket-mail.js';

export interface DeliveryDeps { sql: Sql; mailer: Mailer }

/**
 * Mails a paid order's tickets to its buyer, once: the order is claimed
 * first (tickets_mailed_at), so concurrent webhooks and the housekeeping
 * sweep send one mail; a failed send gives the claim back. Returns whether
 * this call sent it.
 */
export async function mailOrderTickets(deps: DeliveryDeps, venueId: string, orderId: string): Promise<boolean> {
  if (!(await claimTicketMail(deps.sql, venueId, orderId))) return false;
  try {
    const content = (await ticketMailContent(deps.sql, venueId, orderId))!;
    await deps.mailer.send(await renderTicketMail({
      venueId, to: content.buyer_email, locale: content.buyer_locale, buyerName: content.buyer_name,
      event: { name: content.event_name, startsAt: content.starts_at, venueName: content.venue_name, timezone: content.timezone },
      tickets: content.tickets.map((t) => ({ code: t.code, typeName: t.type_name })),
    }));
    return true;
  } catch (error) {
    await releaseTicketMail(deps.sql, venueId, orderId);
    throw error;
  }
}

/** The sweep: mails every paid order whose mail is still due; returns how many it sent. Stops at the first failure. */
export async function mailUnsentTickets(deps: DeliveryDeps): Promise<number> {
  let sent = 0;
  for (const order of await unmailedOrders(deps.sql)) {
    if (await mailOrderTickets(deps, order.venue_id, order.id)) sent++;
  }
  return sent;
}
