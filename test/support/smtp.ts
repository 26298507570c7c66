import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** A real SMTP server in this process: every message it receives, parsed. */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Resolves when `count` messages have arrived. */
  received(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters: { count: number; resolve: (m: ParsedMail[]) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream, { skipImageLinks: true }).then((mail) => {
        messages.push(mail);
        for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve(messages);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`, messages,
    received: (count) => (messages.length >= count ? Promise.resolve(messages) : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
