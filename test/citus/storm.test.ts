import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';
import { useCitus } from './support.js';

// Concurrent scans over several venues at once, so both workers decide at the
// same time: per venue, exactly one first entry per code, and counts = log.
const db = useCitus();
const VENUES = 4;
const PER_VENUE = 4;          // connections (each its own scanner) per venue
const SCANS_PER_CODE = 5;
let nights: Night[];
let clients: Sql[];
let scanners: Scanner[][];

beforeAll(async () => {
  nights = [];
  scanners = [];
  for (let v = 0; v < VENUES; v++) {
    const night = await makeNight(db.sql, { reservations: 5, guests: 10 });
    nights.push(night);
    scanners.push(await makeScanners(db.sql, night.venueId, PER_VENUE));
  }
  clients = await db.clients(VENUES * PER_VENUE);
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe(`${VENUES} venues × 250 scans from ${VENUES * PER_VENUE} connections at once`, () => {
  it('admit each pass exactly once as a first entry per venue, with counts equal to the log', async () => {
    const lanes = nights.flatMap((night, v) => {
      const work = shuffle(night.reservations.flatMap((r) => r.codes).flatMap((code) => Array<string>(SCANS_PER_CODE).fill(code)));
      return Array.from({ length: PER_VENUE }, (_, k) => ({
        venue: v, client: clients[v * PER_VENUE + k]!, scanner: scanners[v]![k]!, codes: work.filter((_, i) => i % PER_VENUE === k),
      }));
    });
    const answers = await Promise.all(lanes.map(async (lane) => {
      const out: ScanAnswer[] = [];
      for (const code of lane.codes) out.push(await redeemScan(lane.client, { scanner: lane.scanner, code, nonce: nonce() }));
      return { venue: lane.venue, out };
    }));

    for (const [v, night] of nights.entries()) {
      const mine = answers.filter((a) => a.venue === v).flatMap((a) => a.out);
      const passes = night.reservations.length * night.reservations[0]!.codes.length;
      expect(mine).toHaveLength(passes * SCANS_PER_CODE);
      expect(mine.every((a) => a.decision === 'admit')).toBe(true);
      expect(mine.filter((a) => a.entryType === 'first_entry')).toHaveLength(passes);
      expect(await checkInvariants(db.sql, night.eventId)).toEqual({
        doubleFirstEntries: 0, conflictsWithoutItem: 0, guestMismatches: 0, reservationMismatches: 0, counterMismatches: 0, placesMismatch: 0, logRows: passes * SCANS_PER_CODE,
      });
      const reservations = await db.sql<{ checked_in_guests: number }[]>`
        select checked_in_guests from vip_reservations where event_id = ${night.eventId}`;
      expect(reservations.map((r) => r.checked_in_guests)).toEqual(Array(night.reservations.length).fill(10));
    }
  });

  it('keeps venues apart: a code of one venue scanned at another is denied there and changes nothing', async () => {
    const code = nights[0]!.reservations[0]!.codes[0]!;
    const answer = await redeemScan(clients[PER_VENUE]!, { scanner: scanners[1]![0]!, code, nonce: nonce() });
    expect(answer.decision).toBe('deny');
    expect(await checkInvariants(db.sql, nights[0]!.eventId)).toMatchObject({ logRows: 250 });
  });
});
