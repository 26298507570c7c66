import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
const HOUR = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

let unbound: string;
beforeAll(async () => {
  unbound = (await ga.device(undefined, 'U')).token;
});

const scan = async (code: string, token: string, direction: 'entry' | 'exit' = 'entry') => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce(), direction } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};

async function nightAt(times: { startsAt: string; endsAt: string; doorsOpenAt?: string }, extra: object = {}) {
  const res = await h.app.inject({ method: 'POST', url: '/v1/events', headers: h.auth(h.tokens.owner), payload: { name: 'Window Night', ...times, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  const eventId = (res.json() as { id: string }).id;
  const { tickets } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'after_exit' }), 2);
  return { eventId, codes: tickets.map((t) => t.code), bound: (await ga.device(eventId, 'W')).token };
}

describe('the door window', () => {
  it('denies an entry 20 hours before doors open as not_yet_valid, naming the event and its date, on bound and unbound scanners', async () => {
    const night = await nightAt({ startsAt: at(21 * HOUR), endsAt: at(27 * HOUR), doorsOpenAt: at(20 * HOUR) });
    for (const token of [night.bound, unbound]) {
      const answer = await scan(night.codes[0]!, token);
      expect(answer).toMatchObject({ decision: 'deny', reason: 'not_yet_valid', event: { id: night.eventId, name: 'Window Night' } });
      expect(answer.message).toMatch(/^Not valid yet · Window Night · \w{3} \d{1,2} \w{3}/);
    }
    expect((await h.db.sql`select status from tickets where code = ${night.codes[0]!}`)[0]).toEqual({ status: 'issued' });
  });

  it('denies an entry to an event that ended a month ago as expired', async () => {
    const night = await nightAt({ startsAt: at(-30 * 24 * HOUR), endsAt: at(-30 * 24 * HOUR + 6 * HOUR) });
    for (const token of [night.bound, unbound]) {
      expect(await scan(night.codes[0]!, token)).toMatchObject({ decision: 'deny', reason: 'expired' });
    }
  });

  it('opens early by earlyEntryMinutes and closes late by lateEntryMinutes, per event', async () => {
    const early = await nightAt({ startsAt: at(2 * HOUR), endsAt: at(8 * HOUR), doorsOpenAt: at(90 * 60_000) }, { earlyEntryMinutes: 120 });
    expect(await scan(early.codes[0]!, early.bound)).toMatchObject({ decision: 'admit' });
    const late = await nightAt({ startsAt: at(-8 * HOUR), endsAt: at(-HOUR) }, { lateEntryMinutes: 90 });
    expect(await scan(late.codes[0]!, late.bound)).toMatchObject({ decision: 'admit' });
    const closed = await nightAt({ startsAt: at(-8 * HOUR), endsAt: at(-HOUR) }, { lateEntryMinutes: 30 });
    expect(await scan(closed.codes[0]!, closed.bound)).toMatchObject({ decision: 'deny', reason: 'expired' });
  });

  it('always lets someone inside leave, even after the window closed', async () => {
    const night = await nightAt({ startsAt: at(-2 * HOUR), endsAt: at(4 * HOUR) });
    expect(await scan(night.codes[0]!, night.bound)).toMatchObject({ decision: 'admit' });
    await h.db.sql`update events set ends_at = now() - interval '3 hours', starts_at = now() - interval '9 hours' where id = ${night.eventId}`;
    expect(await scan(night.codes[0]!, night.bound, 'exit')).toMatchObject({ decision: 'admit', entryType: 'exit' });
  });

  it('opens the door now on POST /v1/events/{id}/doors/open (owner, manager)', async () => {
    const night = await nightAt({ startsAt: at(5 * HOUR), endsAt: at(11 * HOUR), doorsOpenAt: at(4 * HOUR) });
    expect(await scan(night.codes[0]!, night.bound)).toMatchObject({ reason: 'not_yet_valid' });
    const door = await h.app.inject({ method: 'POST', url: `/v1/events/${night.eventId}/doors/open`, headers: h.auth(h.tokens.door) });
    expect(door.statusCode).toBe(403);
    const opened = await h.app.inject({ method: 'POST', url: `/v1/events/${night.eventId}/doors/open`, headers: h.auth(h.tokens.manager) });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await scan(night.codes[0]!, night.bound)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('counts capacity against the code’s own event, not the scanner’s other events', async () => {
    const full = await nightAt({ startsAt: at(-HOUR), endsAt: at(5 * HOUR) }, { capacity: 1 });
    const other = await nightAt({ startsAt: at(-HOUR), endsAt: at(5 * HOUR) }, { capacity: 1 });
    expect(await scan(full.codes[0]!, unbound)).toMatchObject({ decision: 'admit' });
    expect(await scan(full.codes[1]!, unbound)).toMatchObject({ decision: 'deny', reason: 'capacity_reached' });
    expect(await scan(other.codes[0]!, unbound)).toMatchObject({ decision: 'admit' });
  });
});
