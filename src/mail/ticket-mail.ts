import type { MailMessage } from './mailer.js';
import { renderCodeMail, type MailEvent, type MailLocale } from './code-mail.js';

export interface TicketMailInput {
  venueId: string;
  to: string;
  locale: MailLocale;
  buyerName: string;
  event: MailEvent;
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

/** The buyer's tickets by mail, in the buyer's language. */
export function renderTicketMail(input: TicketMailInput): Promise<MailMessage> {
  const t = TEXT[input.locale];
  const n = input.tickets.length;
  return renderCodeMail({
    venueId: input.venueId, to: input.to, locale: input.locale, event: input.event,
    subject: t.subject(input.event.name), hello: t.hello(input.buyerName), intro: t.intro(n), codeLabel: t.code,
    codes: input.tickets.map((ticket, i) => ({ title: `${t.ticket(i + 1, n)} · ${ticket.typeName}`, code: ticket.code })),
  });
}
