import { describe, expect, it, beforeAll } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { findReservation, resetReservation } from '../../src/db/reservations.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import { seedVipTest, VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useTestDatabase } from '../support/database.js';
import { makeScanners, nonce } from '../support/fixtures.js';

// The original platform's test: 5 scanners, 5 passes of one reservation, the
// same instant; then 5 concurrent re-entries; 3 runs with a reset between.
const db = useTestDatabase();
let clients: Sql[];
let scanners: Scanner[];

beforeAll(async () => {
  await seedVipTest(db.sql);
  await seedVipTest(db.sql); // idempotent
  clients = await db.clients(5);
  scanners = await makeScanners(db.sql, VIP_TEST.venueId, 5);
});

async function liveRows() {
  return db.sql<{ entry_type: string; subject_id: string }[]>`
    select entry_type, subject_id from scan_log
     where reservation_id = ${VIP_TEST.reservationId} and reset_id is null`;
}

/** All five scanners at once, each on its own connection, each on its own pass. */
const scanAll = () =>
  Promise.all(clients.map((client, i) =>
    redeemScan(client, { scanner: scanners[i]!, code: VIP_TEST.passCodes[i]!, nonce: nonce() })));

describe('the seed scenario: 5 scanners on one reservation at the same instant', () => {
  for (const run of [1, 2, 3]) {
    it(`run ${run}: 5 first entries, then 5 re-entries, with exact counts`, async () => {
      const first = await scanAll();
      expect(first.map((a) => [a.decision, a.entryType])).toEqual(Array(5).fill(['admit', 'first_entry']));
      expect((await findReservation(db.sql, VIP_TEST.venueId, VIP_TEST.reservationId))!).toMatchObject({
        checked_in_guests: 5, status: 'checked_in',
      });
      let rows = await liveRows();
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r) => r.subject_id)).size).toBe(5); // no pass with two first entries

      const again = await scanAll();
      expect(again.map((a) => [a.decision, a.entryType])).toEqual(Array(5).fill(['admit', 'reentry']));
      rows = await liveRows();
      expect(rows).toHaveLength(10);
      expect(rows.filter((r) => r.entry_type === 'reentry')).toHaveLength(5);
      expect(rows.filter((r) => r.entry_type === 'first_entry')).toHaveLength(5);
      expect((await findReservation(db.sql, VIP_TEST.venueId, VIP_TEST.reservationId))!.checked_in_guests).toBe(5);

      await resetReservation(db.sql, VIP_TEST.venueId, VIP_TEST.reservationId, { name: 'test' });
      expect((await findReservation(db.sql, VIP_TEST.venueId, VIP_TEST.reservationId))!).toMatchObject({
        checked_in_guests: 0, status: 'confirmed', first_checked_in_at: null,
      });
      expect(await liveRows()).toHaveLength(0);
    });
  }

  it('keeps every reset scan row, marked with its reset, and audits each reset', async () => {
    const [kept] = await db.sql<{ n: number; resets: number }[]>`
      select count(*)::int as n, count(distinct reset_id)::int as resets
        from scan_log where reservation_id = ${VIP_TEST.reservationId}`;
    expect(kept).toEqual({ n: 30, resets: 3 });
    const [audit] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from reservation_resets where reservation_id = ${VIP_TEST.reservationId} and actor = 'test'`;
    expect(audit!.n).toBe(3);
  });
});
