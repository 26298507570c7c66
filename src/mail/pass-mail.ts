import type { MailMessage } from './mailer.js';
import { renderCodeMail, type MailEvent, type MailLocale } from './code-mail.js';

export interface PassMailInput {
  venueId: string;
  to: string;
  locale: MailLocale;
  hostName: string;
  tableNumber: string;
  event: MailEvent;
  /** Pass 1 is the host's; the others are for the guests, to share. */
  passes: { passNumber: number; code: string }[];
}

const TEXT = {
  en: {
    subject: (event: string, table: string) => `Table ${table} at ${event}: your passes`,
    hello: (name: string) => `Hello ${name},`,
    intro: (n: number, table: string) => `here are the ${n} passes of table ${table}, one per person. Keep the first and send one to each of your guests; each QR code admits one person at the door.`,
    pass: (i: number, n: number) => (i === 1 ? `Pass 1 of ${n} · host` : `Pass ${i} of ${n} · guest`),
    code: 'Code',
  },
  es: {
    subject: (event: string, table: string) => `Mesa ${table} en ${event}: tus pases`,
    hello: (name: string) => `Hola ${name}:`,
    intro: (n: number, table: string) => `aquí están los ${n} pases de la mesa ${table}, uno por persona. Quédate con el primero y envía uno a cada invitado; cada código QR admite a una persona en la puerta.`,
    pass: (i: number, n: number) => (i === 1 ? `Pase 1 de ${n} · anfitrión` : `Pase ${i} de ${n} · invitado`),
    code: 'Código',
  },
} as const;

/** A table's passes by mail to its host (the dashboard's "Send passes"), in the host's language. */
export function renderPassMail(input: PassMailInput): Promise<MailMessage> {
  const t = TEXT[input.locale];
  const n = input.passes.length;
  return renderCodeMail({
    venueId: input.venueId, to: input.to, locale: input.locale, event: input.event,
    subject: t.subject(input.event.name, input.tableNumber), hello: t.hello(input.hostName),
    intro: t.intro(n, input.tableNumber), codeLabel: t.code,
    codes: input.passes.map((p) => ({ title: t.pass(p.passNumber, n), code: p.code })),
  });
}
