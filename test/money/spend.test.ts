import { describe, expect, it } from 'vitest';
import { deliver, useMoneyApp } from '../support/money.js';
import { booking, bookingLedger, bookTable, tableNight } from '../support/tables.js';

const { h, stripe } = useMoneyApp();

/** A table (deposit 50.00, minimum 200.00) booked and its deposit paid. */
async function seatedTable() {
  const { eventId, tableId } = await tableNight(h, { depositCents: 5_000, minSpendCents: 20_000 });
  const b = await bookTable(h, eventId, tableId);
  stripe.fake.pay(b.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId));
  return b.reservationId;
}

async function posToken() {
  const res = await h.app.inject({ method: 'POST', url: '/v1/devices', headers: h.auth(h.tokens.owner), payload: { name: 'Bar till', gate: 'Bar', role: 'pos' } });
  return (res.json() as { token: string }).token;
}
const spend = (id: string, payload: object, token: string) =>
  h.app.inject({ method: 'POST', url: `/v1/reservations/${id}/spend`, headers: h.auth(token), payload });

describe('minimum spend', () => {
  it('books the point of sale\'s spend toward the minimum, the deposit counting: spent, remaining and balance due', async () => {
    const id = await seatedTable();
    const pos = await posToken();
    const first = await spend(id, { amountCents: 8_000, ref: 'tab-1' }, pos);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ spentCents: 8_000, minSpendCents: 20_000, minSpendRemainingCents: 7_000, balanceDueCents: 7_000 });
    expect(first.json()).not.toHaveProperty('passes');
    const second = await spend(id, { amountCents: 9_500, ref: 'tab-2', note: 'bottle' }, h.tokens.manager);
    expect(second.json()).toMatchObject({ spentCents: 17_500, minSpendRemainingCents: 0, balanceDueCents: 0 });
    expect((await bookingLedger(h, id)).filter(([k]) => k === 'spend')).toEqual([['spend', 8_000], ['spend', 9_500]]);
  });

  it('books a ref once: the same ticket again answers 200 and books nothing; the ref with another amount is a 409', async () => {
    const id = await seatedTable();
    const pos = await posToken();
    expect((await spend(id, { amountCents: 4_000, ref: 'tab-9' }, pos)).statusCode).toBe(201);
    const again = await spend(id, { amountCents: 4_000, ref: 'tab-9' }, pos);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ spentCents: 4_000 });
    expect((await spend(id, { amountCents: 4_001, ref: 'tab-9' }, pos)).json()).toMatchObject({ status: 409, code: 'ref_reused', errors: [{ field: '/ref' }] });
    expect((await bookingLedger(h, id)).filter(([k]) => k === 'spend')).toEqual([['spend', 4_000]]);
  });

  it('refuses spend on a booking that is not seated (pending, cancelled, no-show): 409, nothing booked', async () => {
    const { eventId, tableId } = await tableNight(h);
    const pending = await bookTable(h, eventId, tableId);
    expect((await spend(pending.reservationId, { amountCents: 100, ref: 'x' }, h.tokens.owner)).json()).toMatchObject({ status: 409, code: 'reservation_not_seated' });
    const seated = await seatedTable();
    await h.app.inject({ method: 'POST', url: `/v1/reservations/${seated}/no-show`, headers: h.auth(h.tokens.owner) });
    expect((await spend(seated, { amountCents: 100, ref: 'x' }, h.tokens.owner)).statusCode).toBe(409);
    expect((await bookingLedger(h, seated)).filter(([k]) => k === 'spend')).toEqual([]);
  });

  it('shows each table\'s spend against its minimum in the event\'s reservations (the floor plan\'s read)', async () => {
    const id = await seatedTable();
    await spend(id, { amountCents: 2_500, ref: 'a' }, h.tokens.manager);
    const [row] = await h.db.sql<{ event_id: string }[]>`select event_id from vip_reservations where id = ${id}`;
    const list = (await h.app.inject({ method: 'GET', url: `/v1/events/${row!.event_id}/reservations`, headers: h.auth(h.tokens.door) })).json() as { items: object[] };
    expect(list.items).toEqual([expect.objectContaining({ id, spentCents: 2_500, minSpendCents: 20_000, minSpendRemainingCents: 12_500 })]);
  });
});
