import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { resetReservation } from '../../src/db/reservations.js';
import { annulScan, redeemScan, type Scanner } from '../../src/db/scans.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';

const db = useTestDatabase();
const PAIRS = 150;
let night: Night;
let scanner: Scanner & { kind: 'device' };
let clients: Sql[];

beforeAll(async () => {
  night = await makeNight(db.sql, { reservations: 1, guests: 4 });
  scanner = (await makeScanners(db.sql, night.venueId, 1))[0] as Scanner & { kind: 'device' };
  clients = await db.clients(3);
});

const outcome = (p: Promise<unknown>) => p.then((v) => ({ ok: v }), (e: { code?: string; status?: number }) => ({ error: e.status ?? e.code }));

describe('an annul racing a reset of the same reservation', () => {
  it(`leaves the counters equal to the log in each of ${PAIRS} simultaneous pairs`, async () => {
    const r = night.reservations[0]!;
    for (let i = 0; i < PAIRS; i++) {
      const admitted = await redeemScan(db.sql, { scanner, code: r.codes[0]!, nonce: nonce() });
      expect(admitted.decision).toBe('admit');
      const [annulled, reset] = await Promise.all([
        outcome(annulScan(clients[0]!, night.venueId, admitted.scanId, { id: scanner.deviceId, authority: 'own_scans' }, 15)),
        outcome(resetReservation(clients[1]!, night.venueId, r.id, { name: 'race' })),
      ]);
      // The reset may win (the scan left the live log: nothing to annul, 404) or lose (annulled, then reset).
      expect([{ ok: 'annulled' }, { error: 404 }]).toContainEqual(annulled);
      expect(reset).toHaveProperty('ok');
      expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({ doubleFirstEntries: 0, reservationMismatches: 0, counterMismatches: 0 });
    }
    const [counts] = await db.sql`select coalesce(sum(inside), 0)::int as inside, coalesce(sum(admitted), 0)::int as admitted from scan_counters where event_id = ${night.eventId}`;
    expect(counts).toEqual({ inside: 0, admitted: 0 });
  });

  it('answers two identical annuls at once: one annulled, the other already annulled, never an error', async () => {
    const r = night.reservations[0]!;
    for (let i = 0; i < 50; i++) {
      const admitted = await redeemScan(db.sql, { scanner, code: r.codes[1]!, nonce: nonce() });
      const results = await Promise.all(clients.slice(0, 2).map((c) => annulScan(c, night.venueId, admitted.scanId, { id: scanner.deviceId, authority: 'own_scans' }, 15)));
      expect(results.sort()).toEqual(['already_annulled', 'annulled']);
    }
    expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({ counterMismatches: 0, reservationMismatches: 0 });
  });
});
