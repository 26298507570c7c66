import QRCode from 'qrcode';
import { runHousekeeping } from '../../src/jobs/housekeeping.js';
import { createMailer, DEFAULT_FROM } from '../../src/mail/mailer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHarness, type AppHarness } from '../support/app.js';
import { deliver, saleNight } from '../support/money.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';

let smtp: SmtpSink;
let stripe: StripeServer;
let h: AppHarness & { close(): Promise<void> };
let outbox: AppHarness & { close(): Promise<void> };

beforeAll(async () => {
  smtp = await startSmtpServer();
  stripe = await startStripeServer();
  h = await createAppHarness({ stripe: stripe.settings, smtpUrl: smtp.url });
  outbox = await createAppHarness({ stripe: stripe.settings });
});
afterAll(async () => {
  await h.close();
  await outbox.close();
  await stripe.close();
  await smtp.close();
});

async function paidOrder(harness: AppHarness, quantity: number, locale?: 'en' | 'es') {
  const { eventId, typeId } = await saleNight(harness);
  const res = await harness.app.inject({
    method: 'POST', url: `/v1/public/events/${eventId}/checkout`,
    payload: { buyerName: 'Ana Buyer', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity }], ...(locale ? { locale } : {}) },
  });
  const sale = res.json() as { orderId: string; checkoutUrl: string };
  const sessionId = sale.checkoutUrl.split('/pay/')[1]!;
  stripe.fake.pay(sessionId);
  return { orderId: sale.orderId, event: stripe.last('checkout.session.completed', sessionId) };
}

const codesOf = async (harness: AppHarness, orderId: string) =>
  (await harness.db.sql<{ code: string }[]>`select code from tickets where order_id = ${orderId} order by created_at, id`).map((t) => t.code);

describe('the tickets by mail', () => {
  it('reach the buyer once over SMTP: the event, each code as text and as an inline QR image of it', async () => {
    const before = smtp.messages.length;
    const { orderId, event } = await paidOrder(h, 2);
    await Promise.all([deliver(h, stripe, event), deliver(h, stripe, event), deliver(h, stripe, stripe.last('payment_intent.succeeded'))]);
    const [mail] = (await smtp.received(before + 1)).slice(before);
    expect(smtp.messages.length).toBe(before + 1);
    expect(mail!.to).toMatchObject({ text: 'ana@example.com' });
    expect(mail!.subject).toBe('Your tickets for GA Night');
    const codes = await codesOf(h, orderId);
    for (const code of codes) expect(mail!.text).toContain(code);
    const images = mail!.attachments.filter((a) => a.contentType === 'image/png');
    expect(images).toHaveLength(2);
    for (const [i, image] of images.entries()) {
      expect(mail!.html).toContain(`cid:${image.cid}`);
      // The image is the QR of that ticket's code (the renderer is deterministic).
      expect(image.content.equals(await QRCode.toBuffer(codes[i]!, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }))).toBe(true);
    }
  });

  it('speaks Spanish to a buyer who bought in Spanish', async () => {
    const before = smtp.messages.length;
    const { event } = await paidOrder(h, 1, 'es');
    await deliver(h, stripe, event);
    const [mail] = (await smtp.received(before + 1)).slice(before);
    expect(mail!.subject).toBe('Tus entradas para GA Night');
    expect(mail!.text).toContain('aquí está tu entrada');
  });

  it('is sent by the next housekeeping run when SMTP failed at the webhook, and only then', async () => {
    const { orderId, event } = await paidOrder(h, 1);
    await smtp.close();
    expect((await deliver(h, stripe, event)).status).toBe(200);
    const [row] = await h.db.sql`select status, tickets_mailed_at from orders where id = ${orderId}`;
    expect(row).toMatchObject({ status: 'paid', tickets_mailed_at: null });
    smtp = await startSmtpServer();
    // The mail server is back (at a new address, so the job gets a mailer for it).
    const money = { provider: h.app.deps.money.provider, issuer: h.app.deps.issuer, mailer: createMailer({ smtpUrl: smtp.url, outboxDir: '', from: DEFAULT_FROM }) };
    expect((await runHousekeeping(h.db.sql, money)).mailedOrders).toBe(1);
    expect((await smtp.received(1))[0]!.subject).toBe('Your tickets for GA Night');
    expect((await runHousekeeping(h.db.sql, money)).mailedOrders).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it('is written to the outbox without SMTP_URL, listed for the owner only', async () => {
    const { event } = await paidOrder(outbox, 1);
    await deliver(outbox, stripe, event);
    const list = await outbox.app.inject({ method: 'GET', url: '/v1/outbox', headers: outbox.auth(outbox.tokens.owner) });
    const body = list.json() as { smtp: boolean; items: { name: string }[] };
    expect(body.smtp).toBe(false);
    expect(body.items).toHaveLength(1);
    const message = await outbox.app.inject({ method: 'GET', url: `/v1/outbox/${body.items[0]!.name}`, headers: outbox.auth(outbox.tokens.owner) });
    expect(message.headers['content-type']).toMatch(/message\/rfc822/);
    expect(message.body).toContain('Subject: Your tickets for GA Night');
    expect((await outbox.app.inject({ method: 'GET', url: '/v1/outbox/..%2F..%2Fsecret', headers: outbox.auth(outbox.tokens.owner) })).statusCode).toBe(404);
    expect((await outbox.app.inject({ method: 'GET', url: '/v1/outbox', headers: outbox.auth(outbox.tokens.manager) })).statusCode).toBe(403);
  });
});
