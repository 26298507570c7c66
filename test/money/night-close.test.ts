import { describe, expect, it } from 'vitest';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';
import { checkout, deliver, useMoneyApp } from '../support/money.js';
import { addTable, booking, bookTable } from '../support/tables.js';

const { h, stripe } = useMoneyApp();
const ga = gaClient(h);
const fee = (cents: number) => Math.round((cents * 29) / 1000) + 30;

interface Found { kind: string; ref: string; expectedCents: number; actualCents: number; deltaCents: number; message: string }
interface Close { closedAt: string; totals: Record<string, unknown> & { ledger: Record<string, number> }; discrepancies: Found[] }

const close = async (eventId: string) => {
  const res = await h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/close`, headers: h.auth(h.tokens.manager) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Close;
};
const admit = async (code: string, token: string) => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce() } });
  expect((res.json() as { decision: string }).decision, res.body).toBe('admit');
};

/**
 * A night with one mismatch of each kind and the rest in order: a paid
 * online order, a table that reached its minimum, a box-office cash sale.
 */
async function seededNight() {
  const eventId = await ga.event();
  const typeId = await ga.ticketType(eventId, { priceCents: 2_000, feeCents: 300 });
  const door = await ga.device(eventId, `N${nonce().slice(-4)}`);

  // In order: an online order paid, its webhook delivered.
  const fine = await checkout(h, eventId, typeId, 1);
  stripe.fake.pay(fine.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', fine.sessionId));

  // (1) A provider charge missing from the ledger: paid at the provider, its webhooks lost.
  const lost = await checkout(h, eventId, typeId, 2);
  stripe.fake.pay(lost.sessionId);
  const lostCharge = stripe.fake.get(stripe.fake.get(lost.sessionId)!.payment_intent as string)!.latest_charge as string;

  // (2) A refund on one side only: made in the provider's dashboard, its webhook lost.
  const refunded = await checkout(h, eventId, typeId, 1);
  stripe.fake.pay(refunded.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', refunded.sessionId));
  const dashboardRefund = await h.app.deps.money.provider.stripe.refunds.create({
    payment_intent: stripe.fake.get(refunded.sessionId)!.payment_intent as string, amount: 1_000,
  });

  // (3) An admitted ticket whose order is not paid: sold at the box office, admitted, then refunded.
  const admitted = await ga.tickets(eventId, typeId, 1, true);
  await admit(admitted.tickets[0]!.code, door.token);
  expect((await ga.refund(admitted.orderId)).status).toBe(200);

  // (4) Cash 3.50 short: one box-office sale (23.00), 19.50 counted.
  await ga.tickets(eventId, typeId, 1, true);
  const count = await h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/cash-count`, headers: h.auth(h.tokens.manager), payload: { cents: 1_950, note: 'till 1' } });
  expect(count.statusCode, count.body).toBe(201);

  // (5) A table under its minimum: deposit 50.00 paid, 80.00 spent, minimum 200.00; and one that reached it.
  const tables = [];
  for (const spent of [8_000, 15_000]) {
    const tableId = await addTable(h, eventId, { depositCents: 5_000, minSpendCents: 20_000 });
    const b = await bookTable(h, eventId, tableId);
    stripe.fake.pay(b.sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId));
    await admit((await booking(h, b.reservationId)).passes![0]!.code, door.token);
    const res = await h.app.inject({ method: 'POST', url: `/v1/reservations/${b.reservationId}/spend`, headers: h.auth(h.tokens.manager), payload: { amountCents: spent, ref: 'tab' } });
    expect(res.statusCode, res.body).toBe(201);
    tables.push(b.reservationId);
  }
  return { eventId, typeId, lost, lostCharge, dashboardRefund: dashboardRefund.id, admittedTicket: admitted.tickets[0]!.id, shortTable: tables[0]! };
}

describe('closing the night', () => {
  it('finds exactly the seeded mismatches, one of each kind, with exact amounts, and stores them', async () => {
    const night = await seededNight();
    const result = await close(night.eventId);
    expect(result.discrepancies.map(({ message: _m, ...d }) => d)).toEqual([
      { kind: 'provider_ledger', ref: night.lostCharge, expectedCents: 4_600, actualCents: 0, deltaCents: -4_600 },
      { kind: 'provider_ledger', ref: night.dashboardRefund, expectedCents: -1_000, actualCents: 0, deltaCents: 1_000 },
      { kind: 'admitted_unpaid', ref: night.admittedTicket, expectedCents: 2_300, actualCents: 0, deltaCents: -2_300 },
      { kind: 'under_minimum', ref: night.shortTable, expectedCents: 20_000, actualCents: 13_000, deltaCents: -7_000 },
      { kind: 'cash', ref: 'cash', expectedCents: 2_300, actualCents: 1_950, deltaCents: -350 },
    ]);
    expect(result.discrepancies.find((d) => d.kind === 'cash')!.message).toMatch(/^Cash is short by 3\.50 USD/);
    expect(result.totals).toMatchObject({
      ledger: { charge: 2_300 * 2 + 10_000, spend: 23_000, fee: -(fee(2_300) * 2 + fee(5_000) * 2) },
      cashTakenCents: 2_300, cashCountedCents: 1_950, depositsHeldCents: 10_000, spendCents: 23_000, ticketsAdmitted: 1,
    });
    const stored = (await h.app.inject({ method: 'GET', url: `/v1/events/${night.eventId}/discrepancies`, headers: h.auth(h.tokens.owner) })).json() as { items: Found[] };
    expect(stored.items.map(({ kind, ref, deltaCents }) => ({ kind, ref, deltaCents })))
      .toEqual(result.discrepancies.map(({ kind, ref, deltaCents }) => ({ kind, ref, deltaCents })));

    // Closing twice gives the same result and the same rows.
    const ids = await h.db.sql<{ id: string }[]>`select id from revenue_discrepancies where event_id = ${night.eventId} order by id`;
    const again = await close(night.eventId);
    expect(again).toEqual(result);
    expect(await h.db.sql<{ id: string }[]>`select id from revenue_discrepancies where event_id = ${night.eventId} order by id`).toEqual(ids);
  });

  it('stops sales, the box office\'s too; the lost webhook arriving after the close opens an after_close discrepancy instead of changing the closed totals unseen', async () => {
    const night = await seededNight();
    const first = await close(night.eventId);
    const sale = await h.app.inject({
      method: 'POST', url: `/v1/public/events/${night.eventId}/checkout`,
      payload: { buyerName: 'Late', buyerEmail: 'late@example.com', lines: [{ ticketTypeId: night.typeId, quantity: 1 }] },
    });
    expect(sale.json()).toMatchObject({ status: 409, code: 'not_on_sale' });
    const spend = await h.app.inject({ method: 'POST', url: `/v1/reservations/${night.shortTable}/spend`, headers: h.auth(h.tokens.manager), payload: { amountCents: 7_000, ref: 'late' } });
    expect(spend.json()).toMatchObject({ status: 409, code: 'night_closed' });
    const boxOffice = await h.app.inject({
      method: 'POST', url: `/v1/events/${night.eventId}/orders`, headers: h.auth(h.tokens.owner),
      payload: { buyerName: 'Door sale', buyerEmail: 'door@example.com', lines: [{ ticketTypeId: night.typeId, quantity: 1 }], paid: true },
    });
    expect(boxOffice.json()).toMatchObject({ status: 409, code: 'night_closed' });

    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', night.lost.sessionId))).status).toBe(200);
    const [stored] = await h.db.sql<{ totals: { ledger: { charge: number } } }[]>`select totals from night_closes where event_id = ${night.eventId}`;
    expect(stored!.totals.ledger.charge).toBe(first.totals.ledger.charge);
    const open = (await h.app.inject({ method: 'GET', url: `/v1/events/${night.eventId}/discrepancies`, headers: h.auth(h.tokens.owner) })).json() as { items: Found[] };
    expect(open.items.filter((d) => d.kind === 'after_close')).toEqual([
      expect.objectContaining({ ref: night.lostCharge, expectedCents: 0, actualCents: 4_600, deltaCents: 4_600 }),
    ]);

    // Closing again takes the late charge in: its discrepancies are gone, the totals include it.
    const second = await close(night.eventId);
    expect(second.closedAt).toBe(first.closedAt);
    expect(second.discrepancies.map((d) => d.kind)).toEqual(['provider_ledger', 'admitted_unpaid', 'under_minimum', 'cash']);
    expect(second.totals.ledger.charge).toBe(first.totals.ledger.charge! + 4_600);
  });

  it('exports the night as CSV: every ledger entry, then every discrepancy, formulas defused', async () => {
    const night = await seededNight();
    await h.app.inject({
      method: 'POST', url: `/v1/reservations/${night.shortTable}/spend`, headers: h.auth(h.tokens.manager), payload: { amountCents: 100, ref: 'x', note: '=HYPERLINK("http://evil")' },
    });
    await close(night.eventId);
    const res = await h.app.inject({ method: 'GET', url: `/v1/events/${night.eventId}/report.csv`, headers: h.auth(h.tokens.owner) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('record,at,kind,amount_cents,expected_cents,currency,ref,order_id,reservation_id,note');
    const [entries] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from ledger_entries where event_id = ${night.eventId}`;
    expect(lines.filter((l) => l.startsWith('ledger,'))).toHaveLength(entries!.n);
    expect(lines.filter((l) => l.startsWith('discrepancy,'))).toHaveLength(5);
    expect(lines.find((l) => l.startsWith('discrepancy,') && l.includes('Cash is short'))).toMatch(/^discrepancy,[^,]+,cash,1950,2300,,cash,,,"Cash is short by 3\.50 USD/);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/,"'=HYPERLINK\(""http:\/\/evil""\)"$/);
  });

  it('is for owners and managers of the venue: 403 to other roles, 404 for another venue\'s event; cash counts refuse hostile input', async () => {
    const eventId = await ga.event();
    for (const token of [h.tokens.promoter, h.tokens.door, h.tokens.device]) {
      expect((await h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/close`, headers: h.auth(token) })).statusCode).toBe(403);
    }
    const post = (payload: object) => h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/cash-count`, headers: h.auth(h.tokens.owner), payload });
    for (const [payload, field] of [
      [{ cents: -1 }, 'body/cents'], [{ cents: 1e300 }, 'body/cents'], [{ cents: 2 ** 63 }, 'body/cents'], [{ cents: 1.5 }, 'body/cents'],
      [{ cents: 100, note: 'a\u0000b' }, 'body/note'], [{ cents: 100, note: 'x\uD800' }, 'body/note'], [{ cents: 100, countedAt: '2026-12-31T23:59:60Z' }, 'body'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    const [counts] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from cash_counts where event_id = ${eventId}`;
    expect(counts!.n).toBe(0);
    const { makeNight } = await import('../support/fixtures.js');
    const other = await makeNight(h.db.sql, { reservations: 0, guests: 1 });
    for (const [method, path] of [['POST', 'close'], ['GET', 'discrepancies'], ['GET', 'report.csv']] as const) {
      expect((await h.app.inject({ method, url: `/v1/events/${other.eventId}/${path}`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(404);
    }
    expect((await h.app.inject({ method: 'POST', url: `/v1/events/${other.eventId}/cash-count`, headers: h.auth(h.tokens.owner), payload: { cents: 1 } })).statusCode).toBe(404);
  });
});
