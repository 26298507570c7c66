import QRCode from 'qrcode';
import type { MailMessage } from './mailer.js';

/** The languages every mail is written in. */
export const MAIL_LOCALES = ['en', 'es'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** The night a mail is about, as the venue's clock shows it. */
export interface MailEvent { name: string; startsAt: Date; venueName: string; timezone: string }

/** A mail that carries codes: tickets, a table's passes, a guest's code. */
export interface CodeMailInput {
  venueId: string;
  to: string;
  locale: MailLocale;
  subject: string;
  hello: string;
  intro: string;
  event: MailEvent;
  /** One block per code: its title, and the label of the code as text. */
  codes: { title: string; code: string }[];
  codeLabel: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The event's date and time as the venue's clock shows it, in the reader's language. */
export const eventWhen = (event: MailEvent, locale: MailLocale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-MX' : 'en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: event.timezone }).format(event.startsAt);

/**
 * The mail: the event, its date, and per code its QR image inline (cid) and
 * the code as text (for a door that types it).
 */
export async function renderCodeMail(input: CodeMailInput): Promise<MailMessage> {
  const when = eventWhen(input.event, input.locale);
  const inline = await Promise.all(input.codes.map(async ({ code }, i) => ({
    cid: `code-${i + 1}@maguey`, filename: `code-${i + 1}.png`, contentType: 'image/png',
    content: await QRCode.toBuffer(code, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }),
  })));
  const text = [
    input.hello, '', input.intro, '', `${input.event.name} · ${input.event.venueName}`, when, '',
    ...input.codes.map(({ title, code }) => `${title}\n${input.codeLabel}: ${code}\n`),
  ].join('\n');
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif">
<p>${escape(input.hello)}</p><p>${escape(input.intro)}</p>
<h1 style="font-size:1.3em">${escape(input.event.name)}</h1><p>${escape(input.event.venueName)} · ${escape(when)}</p>
${input.codes.map(({ title, code }, i) => `<div style="margin:1em 0"><h2 style="font-size:1.1em">${escape(title)}</h2>
<img src="cid:${inline[i]!.cid}" alt="${escape(`${input.codeLabel} ${code}`)}" width="240" height="240">
<p>${escape(input.codeLabel)}: <code>${escape(code)}</code></p></div>`).join('\n')}
</body></html>`;
  return { venueId: input.venueId, to: input.to, subject: input.subject, text, html, inline };
}
