import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let eventId: string;
let door: string;

beforeAll(async () => {
  eventId = await ga.event();
  door = (await ga.device(eventId, 'L')).token;
});

const scan = async (code: string, direction: 'entry' | 'exit' = 'entry') => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(door), payload: { code, nonce: nonce(), direction } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};

/** A confirmed reservation of `guests` at a table seating `capacity`. */
async function table(capacity: number, guests: number) {
  const t = await ga.post<{ id: string }>(`/v1/events/${eventId}/tables`, { number: `L${Math.random().toString(36).slice(2, 7)}`, capacity });
  const r = await ga.post<{ id: string }>(`/v1/events/${eventId}/reservations`, { tableId: t.body.id, hostName: 'Linked Host', guestCount: guests });
  const confirmed = await ga.post<{ id: string; passes: { code: string }[] }>(`/v1/reservations/${r.body.id}/confirm`);
  return { reservationId: r.body.id, codes: confirmed.body.passes.map((p) => p.code) };
}
const link = (ticketId: string, reservationId: string) => ga.post<{ code?: string }>(`/v1/tickets/${ticketId}/link`, { reservationId });

describe('GA tickets linked to a table', () => {
  it('count toward the table’s capacity: a link past it is 409 table_full', async () => {
    const r = await table(4, 2);
    const { tickets } = await ga.tickets(eventId, await ga.ticketType(eventId), 3);
    expect((await link(tickets[0]!.id, r.reservationId)).status).toBe(200);
    expect((await link(tickets[1]!.id, r.reservationId)).status).toBe(200);
    const third = await link(tickets[2]!.id, r.reservationId);
    expect(third).toMatchObject({ status: 409, body: { code: 'table_full' } });
  });

  it('keep their own type’s re-entry policy: a single-entry ticket stays single-entry', async () => {
    const r = await table(4, 2);
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'never' }));
    await link(t!.id, r.reservationId);
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'first_entry', reservation: { id: r.reservationId } });
    await scan(t!.code, 'exit');
    expect(await scan(t!.code)).toMatchObject({ decision: 'deny', reason: 'already_used' });
  });

  it('never turn a scan of the table’s own passes or tickets into anything but a 200 decision', async () => {
    const r = await table(4, 2);
    const { tickets } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'always' }), 2);
    for (const t of tickets) expect((await link(t.id, r.reservationId)).status).toBe(200);
    const answers = [];
    for (const code of [...r.codes, ...tickets.map((t) => t.code)]) answers.push(await scan(code));
    expect(answers.map((a) => [a.decision, a.entryType])).toEqual(Array(4).fill(['admit', 'first_entry']));
    expect(answers[3]!.reservation).toMatchObject({ checkedInGuests: 4 });
  });
});
