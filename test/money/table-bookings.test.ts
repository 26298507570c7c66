import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHarness, type AppHarness } from '../support/app.js';
import { deliver, housekeeping } from '../support/money.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';
import { booking, bookingLedger, bookTable, tableNight } from '../support/tables.js';

let smtp: SmtpSink;
let stripe: StripeServer;
let h: AppHarness & { close(): Promise<void> };

beforeAll(async () => {
  smtp = await startSmtpServer();
  stripe = await startStripeServer();
  h = await createAppHarness({ stripe: stripe.settings, smtpUrl: smtp.url });
});
afterAll(async () => {
  await h.close();
  await stripe.close();
  await smtp.close();
});

/** The session's deposit is paid and its webhook delivered. */
async function pay(sessionId: string) {
  stripe.fake.pay(sessionId);
  return deliver(h, stripe, stripe.last('checkout.session.completed', sessionId));
}

describe('booking a table with its deposit', () => {
  it('holds the table pending with a checkout for exactly the table\'s deposit; a second booking of the table is refused (409)', async () => {
    const { eventId, tableId } = await tableNight(h, { depositCents: 7_500 });
    const b = await bookTable(h, eventId, tableId);
    expect(b.depositCents).toBe(7_500);
    expect(stripe.fake.get(b.sessionId)).toMatchObject({ amount_total: 7_500, status: 'open', metadata: { reservationId: b.reservationId } });
    expect(await booking(h, b.reservationId)).toMatchObject({
      status: 'pending', depositCents: 7_500, paidCents: 0, balanceDueCents: 20_000, holdExpiresAt: b.expiresAt,
    });
    const again = await h.app.inject({
      method: 'POST', url: `/v1/public/events/${eventId}/table-bookings`,
      payload: { tableId, hostName: 'Otro', hostEmail: 'otro@example.com', guestCount: 2 },
    });
    expect(again.statusCode).toBe(409);
    const [count] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from vip_reservations where event_id = ${eventId}`;
    expect(count!.n).toBe(1);
  });

  it('confirms on the paid deposit\'s webhook, issues one pass per guest and mails them to the host once, in their language', async () => {
    const { eventId, tableId } = await tableNight(h);
    const b = await bookTable(h, eventId, tableId, { guestCount: 3, locale: 'es' });
    const before = smtp.messages.length;
    expect((await pay(b.sessionId)).status).toBe(200);
    const view = await booking(h, b.reservationId);
    expect(view).toMatchObject({ status: 'confirmed', paidCents: 5_000, minSpendRemainingCents: 15_000, balanceDueCents: 15_000 });
    expect(view.passes).toHaveLength(3);
    const [mail] = (await smtp.received(before + 1)).slice(before);
    expect(mail!.subject).toMatch(/^Mesa T\w+ en GA Night: tus pases$/);
    expect(mail!.text).toContain(view.passes![2]!.code);
    // The other event of the same payment, and the same event again, change nothing and mail nothing.
    expect((await deliver(h, stripe, stripe.last('payment_intent.succeeded'))).status).toBe(200);
    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId))).body).toMatchObject({ duplicate: true });
    expect((await booking(h, b.reservationId)).passes).toHaveLength(3);
    const fee = Math.round((5_000 * 29) / 1000) + 30;
    expect(await bookingLedger(h, b.reservationId)).toEqual([['charge', 5_000], ['fee', -fee]]);
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('credits the promoter of the tracking link; a link naming no promoter credits no one', async () => {
    const { eventId, tableId } = await tableNight(h);
    const [promoter] = await h.db.sql<{ id: string }[]>`select id from staff where email = 'promoter@maguey.local'`;
    const credited = await bookTable(h, eventId, tableId, { promoter: promoter!.id });
    const other = await tableNight(h);
    const stray = await bookTable(h, other.eventId, other.tableId, { promoter: 'not-a-promoter' });
    const rows = await h.db.sql<{ id: string; promoter_id: string | null }[]>`
      select id, promoter_id from vip_reservations where id in ${h.db.sql([credited.reservationId, stray.reservationId])}`;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.promoter_id]))).toEqual({ [credited.reservationId]: promoter!.id, [stray.reservationId]: null });
  });

  it('an unpaid booking expires with its hold: the housekeeping run cancels it, expires its checkout and frees the table', async () => {
    const { eventId, tableId } = await tableNight(h);
    const b = await bookTable(h, eventId, tableId);
    await h.db.sql`update vip_reservations set hold_expires_at = now() - interval '1 second' where id = ${b.reservationId}`;
    const done = await housekeeping(h);
    expect(done.releasedBookings).toBe(1);
    expect(await booking(h, b.reservationId)).toMatchObject({ status: 'cancelled', balanceDueCents: 0 });
    expect(stripe.fake.get(b.sessionId)).toMatchObject({ status: 'expired' });
    const next = await bookTable(h, eventId, tableId);
    expect((await booking(h, next.reservationId)).status).toBe('pending');
  });

  it('a deposit paid after the hold ended is refunded in full, once, and the booking stays cancelled', async () => {
    const { eventId, tableId } = await tableNight(h);
    const b = await bookTable(h, eventId, tableId);
    await h.db.sql`update vip_reservations set hold_expires_at = now() - interval '1 second' where id = ${b.reservationId}`;
    await h.db.sql`update payments set status = 'expired' where reservation_id = ${b.reservationId}`; // as the run would, had the provider answered
    expect((await housekeeping(h)).releasedBookings).toBe(1);
    stripe.fake.pay(b.sessionId, { ignoreExpiry: true });
    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId))).status).toBe(200);
    expect((await deliver(h, stripe, stripe.last('payment_intent.succeeded'))).status).toBe(200);
    expect(await booking(h, b.reservationId)).toMatchObject({ status: 'cancelled', paidCents: 5_000, refundedCents: 5_000 });
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k === 'refund')).toEqual([['refund', -5_000]]);
    expect((await housekeeping(h)).refundedBookings).toBe(0);
  });

  it('refuses tables without a deposit (409) and tables of another event (404); the staff route books the same way', async () => {
    const { eventId } = await tableNight(h);
    const free = await tableNight(h, { depositCents: 0 });
    const post = (url: string, tableId: string, token?: string) => h.app.inject({
      method: 'POST', url, ...(token ? { headers: h.auth(token) } : {}),
      payload: { tableId, hostName: 'Ana', hostEmail: 'ana@example.com', guestCount: 2 },
    });
    expect((await post(`/v1/public/events/${free.eventId}/table-bookings`, free.tableId)).json()).toMatchObject({ status: 409, code: 'no_deposit' });
    expect((await post(`/v1/public/events/${eventId}/table-bookings`, free.tableId)).statusCode).toBe(404);
    const other = await tableNight(h);
    const staff = await post(`/v1/events/${other.eventId}/table-bookings`, other.tableId, h.tokens.manager);
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json()).toMatchObject({ status: 'pending', depositCents: 5_000 });
    expect((await post(`/v1/events/${other.eventId}/table-bookings`, other.tableId, h.tokens.door)).statusCode).toBe(403);
  });
});

describe('refunding a deposit by hand (POST /v1/reservations/{id}/refund)', () => {
  const refund = (id: string, body: object, key: string, token = h.tokens.manager) => h.app.inject({
    method: 'POST', url: `/v1/reservations/${id}/refund`, headers: { ...h.auth(token), 'idempotency-key': key }, payload: body,
  });

  it('gives part of a paid deposit back through the provider, once per Idempotency-Key, then the rest; never more than was paid; the booking lists them', async () => {
    const { eventId, tableId } = await tableNight(h);
    const b = await bookTable(h, eventId, tableId);
    expect((await pay(b.sessionId)).status).toBe(200);
    const part = await refund(b.reservationId, { amountCents: 2_000, reason: 'one guest fewer' }, 'goodwill-1');
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ id: b.reservationId, status: 'confirmed', refundedCents: 2_000 });
    // The same key again is the same refund: nothing more goes back.
    expect((await refund(b.reservationId, { amountCents: 2_000, reason: 'one guest fewer' }, 'goodwill-1')).json()).toMatchObject({ refundedCents: 2_000 });
    const tooMuch = await refund(b.reservationId, { amountCents: 3_001, reason: 'too much' }, 'goodwill-2');
    expect(tooMuch.json()).toMatchObject({ status: 409, code: 'amount_too_large', errors: [{ field: 'body/amountCents' }] });
    expect((await refund(b.reservationId, { reason: 'the rest' }, 'goodwill-3')).json()).toMatchObject({ refundedCents: 5_000 });
    expect((await refund(b.reservationId, { reason: 'again' }, 'goodwill-4')).json()).toMatchObject({ status: 409, code: 'nothing_to_refund' });
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k === 'refund').map(([, cents]) => cents).sort((a, b) => a - b)).toEqual([-3_000, -2_000]);
    // The booking lists its deposit's payment and refunds to an owner; the door sees no money.
    const read = async (token: string) => (await h.app.inject({ method: 'GET', url: `/v1/reservations/${b.reservationId}`, headers: h.auth(token) })).json() as Record<string, unknown>;
    expect(await read(h.tokens.owner)).toMatchObject({
      payments: [{ status: 'paid', amountCents: 5_000, providerRef: expect.stringMatching(/^pi_/) }],
      refunds: [{ amountCents: 2_000, status: 'succeeded', reason: 'one guest fewer' }, { amountCents: 3_000, status: 'succeeded', reason: 'the rest' }],
    });
    const atTheDoor = await read(h.tokens.door);
    expect(atTheDoor.payments).toBeUndefined();
    expect(atTheDoor.refunds).toBeUndefined();
  });

  it('refuses without an Idempotency-Key (400), for a door login or a promoter (403), and for a booking it cannot see (404)', async () => {
    const { eventId, tableId } = await tableNight(h);
    const b = await bookTable(h, eventId, tableId);
    const bare = await h.app.inject({ method: 'POST', url: `/v1/reservations/${b.reservationId}/refund`, headers: h.auth(h.tokens.manager), payload: { reason: 'x' } });
    expect(bare.statusCode).toBe(400);
    expect((await refund(b.reservationId, { reason: 'x' }, 'k-door', h.tokens.door)).statusCode).toBe(403);
    expect((await refund(b.reservationId, { reason: 'x' }, 'k-promoter', h.tokens.promoter)).statusCode).toBe(403);
    expect((await refund('00000000-0000-4000-8000-000000000000', { reason: 'x' }, 'k-none')).statusCode).toBe(404);
    expect((await refund(b.reservationId, { reason: 'nothing paid yet' }, 'k-unpaid')).json()).toMatchObject({ status: 409, code: 'nothing_to_refund' });
    for (const body of [{ reason: 'a\u0000b' }, { reason: 'x', amountCents: 0 }, { reason: 'x', amountCents: 1.5 }, { reason: 'x', amountCents: 1e20 }, { reason: '\ud800' }]) {
      const res = await refund(b.reservationId, body, `k-bad-${JSON.stringify(body).length}`);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});
