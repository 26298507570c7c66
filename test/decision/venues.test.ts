import { describe, expect, it } from 'vitest';
import { createDevice } from '../../src/db/devices.js';
import { createVenue } from '../../src/db/events.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);

async function intruder() {
  const venue = await createVenue(h.db.sql, { name: 'Other Club' });
  return { venueId: venue.id, token: (await createDevice(h.db.sql, { venueId: venue.id, name: 'Their door', gate: 'X' })).token };
}

const scanWith = async (token: string, code: string, extra: object = {}) => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce(), ...extra } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};

describe('venues are sealed at the door', () => {
  it('answers another venue’s plain pass code as unknown_code, saying nothing about it', async () => {
    const them = await intruder();
    const answer = await scanWith(them.token, VIP_TEST.passCodes[5]!);
    expect(answer).toMatchObject({ decision: 'deny', reason: 'unknown_code', subject: null, reservation: null, firstEntry: null, event: null });
    expect(JSON.stringify(answer)).not.toMatch(/VIP Test|Table|Host|aaaaaaaa/);
  });

  it('answers another venue’s signed ticket as unknown_code, not forged, and leaves the ticket alone', async () => {
    const them = await intruder();
    const eventId = await ga.event();
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const answer = await scanWith(them.token, t!.code);
    expect(answer).toMatchObject({ decision: 'deny', reason: 'unknown_code', subject: null, event: null });
    expect((await h.db.sql`select status from tickets where id = ${t!.id}`)[0]).toEqual({ status: 'issued' });
  });

  it('logs the scan only in the scanner’s own venue: not in the victim’s log, stats or counters', async () => {
    const them = await intruder();
    const before = await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/stats`, headers: h.auth(h.tokens.owner) });
    const answer = await scanWith(them.token, VIP_TEST.passCodes[6]!, { gate: 'X' });
    const [row] = await h.db.sql`select venue_id, event_id, subject_id from scan_log where id = ${answer.scanId}`;
    expect(row).toEqual({ venue_id: them.venueId, event_id: null, subject_id: null });
    const after = await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/stats`, headers: h.auth(h.tokens.owner) });
    expect(after.json()).toEqual(before.json());
    const theirs = await h.app.inject({ method: 'GET', url: `/v1/scans?limit=500`, headers: h.auth(h.tokens.owner) });
    expect((theirs.json() as { items: { scanId: string }[] }).items.map((i) => i.scanId)).not.toContain(answer.scanId);
  });
});
