import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { nonce } from '../support/fixtures.js';
import { useCitusApp } from './app.js';

// The seed's test on Citus, through HTTP: 5 devices scan 5 passes of one
// reservation at the same instant, then re-enter; a reset between runs.
const h = useCitusApp();
let deviceTokens: string[];
let resetRowsBefore: number;

beforeAll(async () => {
  deviceTokens = [];
  for (let i = 0; i < 5; i++) {
    const res = await h.call('/v1/devices', h.ownerToken, { method: 'POST', body: { name: `Citus door ${i + 1}`, gate: String.fromCharCode(65 + i) } });
    deviceTokens.push(res.body.token as string);
  }
  // A rerun on the same database (CITUS_DATABASE_URL) starts from a reset reservation.
  await h.call(`/v1/reservations/${VIP_TEST.reservationId}/reset`, h.ownerToken, { method: 'POST' });
  resetRowsBefore = (await resetRows()).n;
});

const resetRows = async () => (await h.db.sql<{ n: number; resets: number }[]>`
  select count(*)::int as n, count(distinct reset_id)::int as resets from scan_log
   where reservation_id = ${VIP_TEST.reservationId} and reset_id is not null`)[0]!;
const scanAll = () => Promise.all(deviceTokens.map((token, i) =>
  h.call('/v1/scans', token, { method: 'POST', body: { code: VIP_TEST.passCodes[i], nonce: nonce() } })));

describe('the seed scenario on Citus, over HTTP', () => {
  for (const run of [1, 2, 3]) {
    it(`run ${run}: 5 devices admit 5 guests at once, then 5 re-entries; counts read back exactly; a reset`, async () => {
      const first = await scanAll();
      expect(first.map((r) => [r.status, r.body.decision, r.body.entryType])).toEqual(Array(5).fill([200, 'admit', 'first_entry']));
      let reservation = await h.call(`/v1/reservations/${VIP_TEST.reservationId}`, h.ownerToken);
      expect(reservation.body).toMatchObject({ status: 'checked_in', checkedInGuests: 5 });

      const again = await scanAll();
      expect(again.map((r) => [r.status, r.body.entryType])).toEqual(Array(5).fill([200, 'reentry']));
      const log = await h.call(`/v1/scans?reservationId=${VIP_TEST.reservationId}&limit=500`, h.ownerToken);
      const items = log.body.items as { entryType: string; subject: { id: string } }[];
      expect(items).toHaveLength(10);
      expect(items.filter((s) => s.entryType === 'reentry')).toHaveLength(5);
      expect(new Set(items.filter((s) => s.entryType === 'first_entry').map((s) => s.subject.id)).size).toBe(5);
      reservation = await h.call(`/v1/reservations/${VIP_TEST.reservationId}`, h.ownerToken);
      expect(reservation.body.checkedInGuests).toBe(5);

      const reset = await h.call(`/v1/reservations/${VIP_TEST.reservationId}/reset`, h.ownerToken, { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ status: 'confirmed', checkedInGuests: 0, firstCheckedInAt: null });
      expect(((await h.call(`/v1/scans?reservationId=${VIP_TEST.reservationId}`, h.ownerToken)).body.items as unknown[])).toHaveLength(0);
      expect((await resetRows()).n).toBe(resetRowsBefore + 10 * run); // reset rows are kept, marked
    });
  }
});

describe('a retried scan on Citus', () => {
  it('sent 10 times at once with one nonce is one scan: one row, one first entry, 9 replays', async () => {
    const same = nonce();
    const answers = await Promise.all(Array.from({ length: 10 }, () =>
      h.call('/v1/scans', deviceTokens[0]!, { method: 'POST', body: { code: VIP_TEST.passCodes[5], nonce: same } })));
    expect(answers.every((a) => a.status === 200 && a.body.decision === 'admit' && a.body.entryType === 'first_entry')).toBe(true);
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.scanId)).size).toBe(1);
    const rows = await h.db.sql`select id from scan_log where nonce = ${same}`;
    expect(rows).toHaveLength(1);
    const reservation = await h.call(`/v1/reservations/${VIP_TEST.reservationId}`, h.ownerToken);
    expect(reservation.body.checkedInGuests).toBe(1);
    await h.call(`/v1/reservations/${VIP_TEST.reservationId}/reset`, h.ownerToken, { method: 'POST' });
  });
});
