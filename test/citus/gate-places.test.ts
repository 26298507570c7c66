import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { annulScan, redeemScan } from '../../src/db/scans.js';
import { capacityNight, expectPlacesExact, sampleInside, scanInLanes } from '../support/capacity-race.js';
import { nonce } from '../support/fixtures.js';
import { useCitus } from './support.js';

// The capacity escrowed in per-gate places on Citus: move_gate_place and
// split_gate_places run inside redeem_scan, delegated to the venue's worker.
const db = useCitus();
const CONNECTIONS = 8;
let clients: Sql[];
let sampler: Sql;

beforeAll(async () => {
  clients = await db.clients(CONNECTIONS);
  [sampler] = await db.clients(1) as [Sql];
});

describe('a small capacity on Citus', () => {
  it('lets in exactly the capacity from 8 connections at 4 gates, refuses the rest, and gives places back', async () => {
    const race = await capacityNight(db.sql, { people: 60, gates: 4, capacity: 15 });
    const { result: answers, maxInside } = await sampleInside(sampler, race.night, scanInLanes(clients, race.scanners,
      race.codes.map((code) => ({ code, direction: 'entry' as const }))));
    expect(answers.filter((a) => a.decision === 'admit')).toHaveLength(15);
    expect(answers.filter((a) => a.reason === 'capacity_reached')).toHaveLength(45);
    expect(maxInside).toBeLessThanOrEqual(15);
    expect(await expectPlacesExact(db.sql, race)).toBe(15);

    const scanner = race.scanners[1]! as typeof race.scanners[1] & { kind: 'device' };
    const admitted = answers.find((a) => a.decision === 'admit')!;
    const [row] = await db.sql<{ code: string }[]>`
      select p.code from guest_passes p where p.venue_id = ${race.night.venueId} and p.id = ${admitted.subject!.id}`;
    const exit = await redeemScan(db.sql, { scanner, code: row!.code, direction: 'exit', nonce: nonce() });
    expect(exit).toMatchObject({ decision: 'admit', entryType: 'exit' });
    await annulScan(db.sql, race.night.venueId, exit.scanId, { id: scanner.deviceId, authority: 'own_scans' }, 15);
    expect(await expectPlacesExact(db.sql, race)).toBe(15);
  });
});
