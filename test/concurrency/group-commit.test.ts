import { beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { checkInvariants } from '../../src/db/invariants.js';
import type { DecidedScan, Scanner, ScanRequest } from '../../src/db/scans.js';
import { DomainError } from '../../src/domain/errors.js';
import { laneIndex, ScanLanes } from '../../src/scan/scan-lanes.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';

/**
 * Group commit (src/scan/scan-lanes.ts): scans that arrive together are
 * decided in one statement and one transaction, and none is lost, doubled
 * or made to fail by another.
 */
const db = useTestDatabase();
let night: Night;
let scanners: Scanner[];

beforeAll(async () => {
  night = await makeNight(db.sql, { reservations: 20, guests: 10 });
  scanners = await makeScanners(db.sql, night.venueId, 32);
});

const scan = (scanner: Scanner, code: string, extra: Partial<ScanRequest> = {}): ScanRequest => ({ scanner, code, nonce: nonce(), ...extra });
const decided = (outcome: PromiseSettledResult<DecidedScan | null>) => {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value!.answer;
};

describe('scans from 32 scanners at once through 4 lanes', () => {
  it('are decided in shared commits: each of 200 passes one first entry, every count exact against the log', async () => {
    const lanes = new ScanLanes(db.sql, 4);
    const codes = night.reservations.flatMap((r) => r.codes);
    // Each scanner scans 25 passes from its own starting point, waiting for each answer as a phone does: every pass 4 times.
    const answers = (await Promise.all(scanners.map(async (scanner, i) => {
      const out = [];
      for (let k = 0; k < 25; k++) {
        const [outcome] = await lanes.decide([scan(scanner, codes[(i * 7 + k) % codes.length]!)]);
        out.push(decided(outcome!));
      }
      return out;
    }))).flat();

    expect(answers).toHaveLength(800);
    expect(answers.filter((a) => a.entryType === 'first_entry')).toHaveLength(200);
    const [log] = await db.sql<{ rows: number; firsts: number; subjects: number; commits: number }[]>`
      select count(*)::int as rows,
             count(*) filter (where entry_type = 'first_entry')::int as firsts,
             count(distinct subject_id) filter (where entry_type = 'first_entry')::int as subjects,
             count(distinct xmin::text)::int as commits
        from scan_log where event_id = ${night.eventId}`;
    expect(log).toMatchObject({ rows: 800, firsts: 200, subjects: 200 });
    // Rows written by one transaction share its xmin: far fewer commits than scans.
    expect(log!.commits).toBeLessThan(800 / 2);
    const reservations = await db.sql<{ checked_in_guests: number }[]>`
      select checked_in_guests from vip_reservations where event_id = ${night.eventId}`;
    expect(reservations.every((r) => r.checked_in_guests === 10)).toBe(true);
    expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({
      doubleFirstEntries: 0, guestMismatches: 0, reservationMismatches: 0, counterMismatches: 0, logRows: 800,
    });
  });
});

describe('a group with one scan that fails', () => {
  it('costs the others nothing: they are decided, the failed one alone gets its error, and it writes nothing', async () => {
    const lanes = new ScanLanes(db.sql, 1);
    const [scanner] = await makeScanners(db.sql, night.venueId, 1);
    const [a, b] = night.reservations[19]!.codes;
    const outcomes = await lanes.decide([scan(scanner!, a!), scan(scanner!, b!, { gate: 'NO-SUCH-GATE' }), scan(scanner!, 'NO-SUCH-CODE')]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (outcomes[1] as PromiseRejectedResult).reason as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'unknown_gate' });
    expect(decided(outcomes[0]!).decision).toBe('admit');
    expect(decided(outcomes[2]!).reason).toBe('unknown_code');
    const [rows] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from scan_log where scanner_id = ${(scanner as { deviceId: string }).deviceId}`;
    expect(rows!.n).toBe(2);
  });
});

describe('two groups that deadlock on two tables', () => {
  it('are both decided: PostgreSQL aborts one, and its scans are decided again one by one', async () => {
    const fresh = await makeNight(db.sql, { reservations: 2, guests: 10 });
    const [r, s] = fresh.reservations;
    // Codes named so that sorted by code the groups go S, R and S, R: w < x < y < z, x and z R's, w and y S's.
    const pick = () => {
      for (const w of s!.codes) for (const x of r!.codes) for (const y of s!.codes) for (const z of r!.codes) {
        if (w < x && x < y && y < z) return { w, x, y, z };
      }
      throw new Error('no interleaving codes in this night');
    };
    const { w, x, y, z } = pick();
    // One scanner in each of two lanes (ScanLanes puts a scanner by its venue and gate).
    const byLane: Scanner[] = [];
    for (const made of await makeScanners(db.sql, fresh.venueId, 26)) byLane[laneIndex(made, 2)] ??= made;
    const [laneA, laneB] = byLane;
    const lanes = new ScanLanes(db.sql, 2);
    const blocker = connect(db.url, { max: 1 });
    const [{ deadlocks: before }] = await db.sql<[{ deadlocks: number }]>`
      select deadlocks::int from pg_stat_database where datname = current_database()`;

    // The blocker holds y and z: group A takes x and R's row, then waits on y; group B takes w and S's row, then waits on z.
    let decidedBoth!: Promise<PromiseSettledResult<DecidedScan | null>[][]>;
    await blocker.begin(async (tx) => {
      await tx`select id from guest_passes where venue_id = ${fresh.venueId} and code in (${y}, ${z}) for update`;
      decidedBoth = Promise.all([lanes.decide([scan(laneA!, x), scan(laneA!, y)]), lanes.decide([scan(laneB!, w), scan(laneB!, z)])]);
      // Released once both groups wait on it: then each wants the table the other holds.
      for (;;) {
        const [{ waiting }] = await db.sql<[{ waiting: number }]>`
          select count(*)::int as waiting from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock' and query like '%redeem_scans%'`;
        if (waiting === 2) break;
      }
    });
    const outcomes = (await decidedBoth).flat();
    await blocker.end();

    expect(outcomes.map((o) => decided(o).entryType)).toEqual(['first_entry', 'first_entry', 'first_entry', 'first_entry']);
    const [{ deadlocks: after }] = await db.sql<[{ deadlocks: number }]>`
      select deadlocks::int from pg_stat_database where datname = current_database()`;
    expect(after - before).toBe(1);
    const tables = await db.sql<{ checked_in_guests: number }[]>`
      select checked_in_guests from vip_reservations where event_id = ${fresh.eventId}`;
    expect(tables.map((t) => t.checked_in_guests)).toEqual([2, 2]);
    expect(await checkInvariants(db.sql, fresh.eventId)).toMatchObject({ doubleFirstEntries: 0, reservationMismatches: 0, counterMismatches: 0, logRows: 4 });
  });
});
