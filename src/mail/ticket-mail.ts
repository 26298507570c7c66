import QRCode from 'qrcode';
import type { MailMessage } from './mailer.js';

export type MailLocale = 'en' | 'es';

export interface TicketMailInput {
  venueId: string;
  to: string;
  locale: MailLocale;
  buyerName: string;
  event: { name: string; startsAt: Date; venueName: string; timezone: string };
  tickets: { code: string; typeName: string }[];
}

const TEXT = {
  en: {
    subject: (event: string) => `Your tickets for ${event}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (n: number) => `here ${n === 1 ? 'is your ticket' : `are your ${n} tickets`}. Show each QR code at the door; each admits one person.`,
    ticket: (i: number, n: number) => `Ticket ${i} of ${n}`,
    code: 'Code',
  },
  es: {
    subject: (event: string) => `Tus entradas para ${event}`,
    hello: (name: string) => `Hola ${name}:`,
    intro: (n: number) => `${n === 1 ? 'aquí está tu entrada' : `aquí están tus ${n} entradas`}. Muestra cada código QR en la puerta; cada uno admite a una persona.`,
    ticket: (i: number, n: number) => `Entrada ${i} de ${n}`,
    code: 'Código',
  },
} as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The event's date and time as the venue's clock shows it, in the buyer's language. */
export const eventWhen = (event: TicketMailInput['event'], locale: MailLocale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-MX' : 'en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: event.timezone }).format(event.startsAt);

/**
 * The buyer's tickets by mail: the event, its date, and per ticket its QR
 * image inline (cid) and its code as text (for a door that types it).
 */
export async function renderTicketMail(input: TicketMailInput): Promise<MailMessage> {
  const t = TEXT[input.locale];
  const n = input.tickets.length;
  const when = eventWhen(input.event, input.locale);
  const inline = await Promise.all(input.tickets.map(async (ticket, i) => ({
    cid: `ticket-${i + 1}@maguey`, filename: `ticket-${i + 1}.png`, contentType: 'image/png',
    content: await QRCode.toBuffer(ticket.code, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }),
  })));
  const text = [
    t.hello(input.buyerName), '', t.intro(n), '', `${input.event.name} · ${input.event.venueName}`, when, '',
    ...input.tickets.map((ticket, i) => `${t.ticket(i + 1, n)} · ${ticket.typeName}\n${t.code}: ${ticket.code}\n`),
  ].join('\n');
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif">
<p>${escape(t.hello(input.buyerName))}</p><p>${escape(t.intro(n))}</p>
<h1 style="font-size:1.3em">${escape(input.event.name)}</h1><p>${escape(input.event.venueName)} · ${escape(when)}</p>
${input.tickets.map((ticket, i) => `<div style="margin:1em 0"><h2 style="font-size:1.1em">${escape(t.ticket(i + 1, n))} · ${escape(ticket.typeName)}</h2>
<img src="cid:${inline[i]!.cid}" alt="${escape(`${t.code} ${ticket.code}`)}" width="240" height="240">
<p>${t.code}: <code>${escape(ticket.code)}</code></p></div>`).join('\n')}
</body></html>`;
  return { venueId: input.venueId, to: input.to, subject: t.subject(input.event.name), text, html, inline };
}
