import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { admitted, upload } from './support.js';

const LIMIT = 5;

/** An upload is no way around the unknown-code limit, yet an honest backlog goes through. */
describe('offline batch and the unknown-code limit', () => {
  const h = useApp({ failedScansPerMinute: LIMIT });

  async function night(tickets: number) {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId, { inventory: 1000 });
    const codes: string[] = [];
    for (let left = tickets; left > 0; left -= 20) codes.push(...(await ga.tickets(eventId, typeId, Math.min(20, left))).tickets.map((t) => t.code));
    return { eventId, codes, token: (await ga.device(eventId)).token };
  }

  it('a phone offline for 10 minutes uploads its 300 scans (a few unknown codes among them) at once, nothing lost or doubled', async () => {
    const { eventId, codes, token } = await night(296);
    const scans = codes.map((code, i) => admitted(code, 600 - i * 2));
    for (let i = 0; i < LIMIT - 1; i++) scans.splice(i * 70, 0, admitted(`FORGED-${i}`, 590 - i * 140, { localDecision: 'deny' }));
    const res = await upload(h, token, scans);
    expect(res.status).toBe(200);
    expect(res.body.answers).toHaveLength(300);
    expect(res.body.answers.filter((a) => a.decision === 'admit')).toHaveLength(296);
    const [log] = await h.db.sql<{ rows: number; scans: number }[]>`
      select count(*)::int as rows, count(distinct nonce)::int as scans from scan_log where event_id = ${eventId}`;
    expect(log).toEqual({ rows: 300, scans: 300 });
  });

  it('stops at the limit with 429, Retry-After and the answers decided before it; live scanning is held too', async () => {
    const { eventId, codes, token } = await night(2);
    const guesses = Array.from({ length: 20 }, (_, i) => admitted(`GUESS-${i}`, 60 - i, { localDecision: 'deny' }));
    const res = await upload(h, token, [admitted(codes[0]!, 61), ...guesses]);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({ status: 429, code: 'too_many_unknown_codes' });
    expect(res.body.answers.map((a) => a.reason)).toEqual([null, ...Array(LIMIT).fill('unknown_code')]);
    const [log] = await h.db.sql<{ rows: number }[]>`select count(*)::int as rows from scan_log where event_id = ${eventId}`;
    expect(log!.rows).toBe(1 + LIMIT);
    const live = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code: codes[1], nonce: nonce() } });
    expect(live.statusCode).toBe(429);
  });
});
