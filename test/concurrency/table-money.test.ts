import { describe, expect, it } from 'vitest';
import { deliver, useMoneyApp } from '../support/money.js';
import { booking, bookingLedger, bookTable, tableNight } from '../support/tables.js';

const { h, stripe } = useMoneyApp();

/** A table booked and its deposit (50.00) paid: confirmed, with passes. */
async function paidBooking(refundableUntil?: Date) {
  const { eventId, tableId } = await tableNight(h);
  if (refundableUntil) {
    const res = await h.app.inject({
      method: 'PATCH', url: `/v1/events/${eventId}`, headers: h.auth(h.tokens.owner), payload: { refundableUntil: refundableUntil.toISOString() },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const b = await bookTable(h, eventId, tableId);
  stripe.fake.pay(b.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId));
  expect((await booking(h, b.reservationId)).status).toBe('confirmed');
  return { ...b, intent: stripe.fake.get(b.sessionId)!.payment_intent as string };
}

const move = (id: string, path: 'cancel' | 'no-show') =>
  h.app.inject({ method: 'POST', url: `/v1/reservations/${id}/${path}`, headers: h.auth(h.tokens.manager) });
const providerRefunds = (intent: string) => stripe.fake.events.filter((e) => e.type === 'refund.created' && e.data.object.payment_intent === intent);

describe('deposit policies under concurrent retries', () => {
  it('a no-show sent 12 times at once keeps the deposit: one deposit entry of 5,000, no refund', async () => {
    const b = await paidBooking();
    const answers = await Promise.all(Array.from({ length: 12 }, () => move(b.reservationId, 'no-show')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k !== 'fee')).toEqual([['charge', 5_000], ['deposit', 5_000]]);
    expect(providerRefunds(b.intent)).toHaveLength(0);
    expect(await booking(h, b.reservationId)).toMatchObject({ status: 'no_show', paidCents: 5_000, refundedCents: 0, balanceDueCents: 0 });
    // A kept deposit cannot be cancelled back: no_show is final.
    expect((await move(b.reservationId, 'cancel')).statusCode).toBe(409);
  });

  it('a cancel before refundableUntil sent 12 times at once refunds the deposit through the provider exactly once', async () => {
    const b = await paidBooking(new Date(Date.now() + 86_400_000));
    const asked = () => (stripe.fake.requests.get('POST /v1/refunds') ?? 0);
    // The first cancel meets a provider failing (the SDK's retry included): the refund stays asked for, not made.
    stripe.fake.failures.set('POST /v1/refunds', 2);
    expect((await move(b.reservationId, 'cancel')).statusCode).toBe(200);
    expect(providerRefunds(b.intent)).toHaveLength(0);
    const before = asked();
    // Then 12 retries at once: each finds the same refund row, asked for and not made.
    const answers = await Promise.all(Array.from({ length: 12 }, () => move(b.reservationId, 'cancel')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
    expect(asked() - before).toBe(1);
    expect(providerRefunds(b.intent)).toHaveLength(1);
    const rows = await h.db.sql<{ status: string; amount_cents: number }[]>`select status, amount_cents from refunds where reservation_id = ${b.reservationId}`;
    expect(rows).toEqual([{ status: 'succeeded', amount_cents: 5_000 }]);
    // The provider's own events for the refund, delivered twice each at once, book nothing more.
    const refundEvents = stripe.fake.events.filter((e) => e.type === 'charge.refunded' && e.data.object.payment_intent === b.intent);
    await Promise.all([...refundEvents, ...refundEvents].map((e) => deliver(h, stripe, e)));
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k !== 'fee')).toEqual([['charge', 5_000], ['refund', -5_000]]);
    expect(await booking(h, b.reservationId)).toMatchObject({ status: 'cancelled', paidCents: 5_000, refundedCents: 5_000 });
  });

  it('a cancel after refundableUntil keeps the deposit: one deposit entry, nothing asked of the provider', async () => {
    const b = await paidBooking(new Date(Date.now() - 60_000));
    const answers = await Promise.all(Array.from({ length: 6 }, () => move(b.reservationId, 'cancel')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    expect(providerRefunds(b.intent)).toHaveLength(0);
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k !== 'fee')).toEqual([['charge', 5_000], ['deposit', 5_000]]);
  });

  it('the night\'s net counts a kept deposit once (its charge), not twice', async () => {
    const b = await paidBooking();
    await move(b.reservationId, 'no-show');
    const [event] = await h.db.sql<{ event_id: string }[]>`select event_id from vip_reservations where id = ${b.reservationId}`;
    const money = (await h.app.inject({ method: 'GET', url: `/v1/events/${event!.event_id}/money`, headers: h.auth(h.tokens.owner) })).json();
    expect(money).toMatchObject({ grossCents: 5_000, netCents: 5_000 - (Math.round(5_000 * 0.029) + 30) });
  });
});

describe('spend under concurrent retries', () => {
  it('one ticket sent 20 times at once by the point of sale is booked once', async () => {
    const b = await paidBooking();
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.app.inject({
      method: 'POST', url: `/v1/reservations/${b.reservationId}/spend`, headers: h.auth(h.tokens.manager), payload: { amountCents: 3_300, ref: 'tab-77' },
    })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect((await bookingLedger(h, b.reservationId)).filter(([k]) => k === 'spend')).toEqual([['spend', 3_300]]);
  });
});
