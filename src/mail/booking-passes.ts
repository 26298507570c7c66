import type { Sql } from '../db/connect.js';
import { passMailContent } from '../db/reservations.js';
import type { MailLocale } from './code-mail.js';
import type { MailMessage } from './mailer.js';
import { renderPassMail } from './pass-mail.js';

/** A booking's passes mail to `to` (its host's address when omitted); undefined when the booking is not found. */
export async function bookingPassesMail(sql: Sql, venueId: string, id: string, options: { to?: string; locale: MailLocale }) {
  const content = await passMailContent(sql, venueId, id);
  if (!content) return undefined;
  const to = options.to ?? content.host_email;
  const render = (address: string): Promise<MailMessage> => renderPassMail({
    venueId, to: address, locale: options.locale, hostName: content.host_name, tableNumber: content.table_number,
    event: { name: content.event_name, startsAt: content.starts_at, venueName: content.venue_name, timezone: content.timezone },
    passes: content.passes.map((p) => ({ passNumber: p.pass_number, code: p.code })),
  });
  return { status: content.status, to, passes: content.passes.length, render };
}
