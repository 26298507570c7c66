import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);

const scanAs = async (token: string, code: string, direction: 'entry' | 'exit' = 'entry') => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce(), direction } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};
const annul = (token: string, scanId: string) => h.app.inject({ method: 'POST', url: `/v1/scans/${scanId}/annul`, headers: h.auth(token) });
const get = async (url: string) => (await h.app.inject({ method: 'GET', url, headers: h.auth(h.tokens.owner) })).json();

describe('counts that stay true', () => {
  let eventId: string;
  let gateA: string;
  let gateB: string;
  beforeAll(async () => {
    eventId = await ga.event({ capacity: 1 });
    gateA = (await ga.device(eventId, 'A')).token;
    gateB = (await ga.device(eventId, 'B')).token;
  });

  it('shows people who came in at A and left at B as flows per gate, never a negative inside', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'after_exit' }));
    await scanAs(gateA, t!.code);
    await scanAs(gateB, t!.code, 'exit');
    const stats = await get(`/v1/events/${eventId}/stats`);
    expect(stats.inside).toBe(0);
    expect(stats.byGate.A).toMatchObject({ entries: 1, exits: 0 });
    expect(stats.byGate.B).toMatchObject({ entries: 0, exits: 1 });
    for (const gate of Object.values(stats.byGate) as Record<string, number>[]) expect(Object.values(gate).every((n) => n >= 0)).toBe(true);
  });

  it('agrees between stats and occupancy after an annul', async () => {
    const other = await ga.event();
    const door = (await ga.device(other, 'C')).token;
    const { tickets: [t] } = await ga.tickets(other, await ga.ticketType(other));
    const admitted = await scanAs(door, t!.code);
    expect((await annul(door, admitted.scanId)).statusCode).toBe(200);
    const stats = await get(`/v1/events/${other}/stats`);
    const occupancy = await get(`/v1/events/${other}/occupancy`);
    expect(stats.inside).toBe(0);
    expect(occupancy.points.at(-1)?.inside ?? 0).toBe(0);
  });

  it('refuses to annul an exit when the venue is full again (capacity holds for annulled exits too)', async () => {
    const typeId = await ga.ticketType(eventId, { reentry: 'after_exit' });
    const { tickets: [first, second] } = await ga.tickets(eventId, typeId, 2);
    await scanAs(gateA, first!.code);
    const exit = await scanAs(gateA, first!.code, 'exit');
    expect(await scanAs(gateA, second!.code)).toMatchObject({ decision: 'admit' }); // the one place is taken again
    const res = await annul(gateA, exit.scanId);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'capacity_reached' });
    expect((await get(`/v1/events/${eventId}/stats`)).inside).toBe(1);
  });
});

describe('a reset', () => {
  it('never turns a cancelled reservation back into a confirmed one', async () => {
    const eventId = await ga.event();
    const t = await ga.post<{ id: string }>(`/v1/events/${eventId}/tables`, { number: '7', capacity: 4 });
    const r = await ga.post<{ id: string }>(`/v1/events/${eventId}/reservations`, { tableId: t.body.id, hostName: 'Cancelled', guestCount: 2 });
    const confirmed = await ga.post<{ passes: { code: string }[] }>(`/v1/reservations/${r.body.id}/confirm`);
    await ga.post(`/v1/reservations/${r.body.id}/cancel`);
    const reset = await ga.post<{ status: string }>(`/v1/reservations/${r.body.id}/reset`);
    expect(reset.body.status).toBe('cancelled');
    const door = (await ga.device(eventId, 'R')).token;
    expect(await scanAs(door, confirmed.body.passes[0]!.code)).toMatchObject({ decision: 'deny', reason: 'reservation_cancelled' });
  });
});

describe('confirming a reservation', () => {
  it('twice at once issues its passes once and answers both with the confirmed reservation', async () => {
    const eventId = await ga.event();
    const t = await ga.post<{ id: string }>(`/v1/events/${eventId}/tables`, { number: '8', capacity: 6 });
    const r = await ga.post<{ id: string }>(`/v1/events/${eventId}/reservations`, { tableId: t.body.id, hostName: 'Twice', guestCount: 6 });
    const [a, b] = await Promise.all([1, 2].map(() => h.app.inject({ method: 'POST', url: `/v1/reservations/${r.body.id}/confirm`, headers: h.auth(h.tokens.owner) })));
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    expect((await h.db.sql`select count(*)::int as n from guest_passes where reservation_id = ${r.body.id}`)[0]).toEqual({ n: 6 });
  });

  it('allows one live booking per table: a second is 409 table_taken', async () => {
    const eventId = await ga.event();
    const t = await ga.post<{ id: string }>(`/v1/events/${eventId}/tables`, { number: '9', capacity: 6 });
    expect((await ga.post(`/v1/events/${eventId}/reservations`, { tableId: t.body.id, hostName: 'First', guestCount: 2 })).status).toBe(201);
    const second = await ga.post(`/v1/events/${eventId}/reservations`, { tableId: t.body.id, hostName: 'Second', guestCount: 2 });
    expect(second).toMatchObject({ status: 409, body: { code: 'table_taken' } });
  });
});
