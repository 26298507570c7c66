import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A message as any part of Maguey Pass sends it: tickets, reservation passes, guest-list codes. */
export interface MailMessage {
  /** The venue it is sent for: without SMTP it lands in that venue's outbox folder (owners see only theirs). */
  venueId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Images the HTML shows inline as `cid:<cid>` (QR codes). */
  inline?: { cid: string; filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** Sends (or, without SMTP, writes to the outbox); resolves with the message id. */
  send(message: MailMessage): Promise<string>;
  /** Where unsent mail is written (no SMTP_URL), else undefined. */
  readonly outboxDir: string | undefined;
}

/** The sender of every mail (MAGUEY_MAIL_FROM). */
export const DEFAULT_FROM = 'Maguey Pass <tickets@maguey.local>';

/**
 * SMTP at `smtpUrl` (e.g. smtp://user:pass@host:587) through nodemailer;
 * without it every message is written as an .eml file into `outboxDir`
 * (readable with any mail program), so `npm start` mails with no server.
 */
export function createMailer(options: { smtpUrl: string | undefined; outboxDir: string; from: string }): Mailer {
  const content = (message: MailMessage) => ({
    from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html,
    attachments: (message.inline ?? []).map((a) => ({ cid: a.cid, filename: a.filename, content: a.content, contentType: a.contentType })),
  });
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return { outboxDir: undefined, send: async (message) => (await transport.sendMail(content(message))).messageId };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    outboxDir: options.outboxDir,
    async send(message) {
      const info = await transport.sendMail(content(message));
      const folder = path.join(options.outboxDir, message.venueId);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      // Sortable by time, unique without a lock: two processes may write at once.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await writeFile(path.join(folder, name), info.message as Buffer, { mode: 0o600 });
      return info.messageId;
    },
  };
}

export interface OutboxEntry { name: string; bytes: number; writtenAt: Date }

/** The .eml files of a venue's outbox, newest first. */
export async function listOutbox(dir: string, venueId: string, limit = 100): Promise<OutboxEntry[]> {
  const folder = path.join(dir, venueId);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => OUTBOX_NAME.test(n)).sort().reverse().slice(0, limit);
  return Promise.all(names.map(async (name) => {
    const s = await stat(path.join(folder, name));
    return { name, bytes: s.size, writtenAt: s.mtime };
  }));
}

/** The names the outbox writes; anything else is not read back. */
export const OUTBOX_NAME = /^[0-9T-]+Z-[0-9a-f]{8}\.eml$/;

/** One message of a venue's outbox, as written (an .eml file); undefined when there is none by that name. */
export async function readOutbox(dir: string, venueId: string, name: string): Promise<Buffer | undefined> {
  if (!OUTBOX_NAME.test(name)) return undefined;
  return readFile(path.join(dir, venueId, name)).catch(() => undefined);
}
