import { expect } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { updateEvent } from '../../src/db/events.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { makeNight, makeScanners, nonce, type Night } from './fixtures.js';

// A small capacity under parallel entries and exits at several gates
// (db/functions/move_gate_place.sql): shared by test/concurrency and the
// Citus suite, where the same functions run delegated to a worker.

export interface CapacityRace { night: Night; scanners: Scanner[]; codes: string[]; capacity: number }

/** A night of `people` passes, `gates` scanners each at its own gate, the event's capacity set (and split). */
export async function capacityNight(sql: Sql, options: { people: number; gates: number; capacity: number }): Promise<CapacityRace> {
  const night = await makeNight(sql, { reservations: options.people / 10, guests: 10 });
  const scanners = await makeScanners(sql, night.venueId, options.gates);
  await updateEvent(sql, night.venueId, night.eventId, { capacity: options.capacity });
  return { night, scanners, codes: night.reservations.flatMap((r) => r.codes), capacity: options.capacity };
}

/** Each scan on the connection and scanner of its lane, lanes in parallel, scans of a lane one after another. */
export async function scanInLanes(clients: Sql[], scanners: Scanner[], scans: { code: string; direction: 'entry' | 'exit' }[]): Promise<ScanAnswer[]> {
  const lanes = clients.map((_, i) => scans.filter((_, k) => k % clients.length === i));
  return (await Promise.all(lanes.map(async (lane, i) => {
    const out: ScanAnswer[] = [];
    for (const s of lane) out.push(await redeemScan(clients[i]!, { scanner: scanners[i % scanners.length]!, code: s.code, direction: s.direction, nonce: nonce() }));
    return out;
  }))).flat();
}

/** People inside by the counters. */
export async function insideNow(sql: Sql, night: Night): Promise<number> {
  const [row] = await sql<{ inside: number }[]>`
    select coalesce(sum(inside), 0)::int as inside from scan_counters where venue_id = ${night.venueId} and event_id = ${night.eventId}`;
  return row!.inside;
}

/**
 * Reads the people inside, over and over on a connection of its own, until
 * `work` settles: the highest count seen (never above the capacity).
 */
export async function sampleInside<T>(sampler: Sql, night: Night, work: Promise<T>): Promise<{ result: T; maxInside: number; samples: number }> {
  let done = false;
  let maxInside = 0;
  let samples = 0;
  const sampling = (async () => {
    while (!done) {
      maxInside = Math.max(maxInside, await insideNow(sampler, night));
      samples++;
    }
  })();
  try {
    return { result: await work, maxInside, samples };
  } finally {
    done = true;
    await sampling;
  }
}

/** The log, the counters and the gates' places agree: log inside = counters inside, places + inside = capacity. */
export async function expectPlacesExact(sql: Sql, race: CapacityRace): Promise<number> {
  const { night } = race;
  const [row] = await sql<{ logged: number; places: number }[]>`
    select (select coalesce(sum(inside), 0)::int from live_scan_effects where venue_id = ${night.venueId} and event_id = ${night.eventId}) as logged,
           (select coalesce(sum(places), 0)::int from gate_places where venue_id = ${night.venueId} and event_id = ${night.eventId}) as places`;
  const inside = await insideNow(sql, night);
  expect(row!.logged).toBe(inside);
  expect(row!.places + inside).toBe(race.capacity);
  expect(await checkInvariants(sql, night.eventId)).toMatchObject({ counterMismatches: 0, reservationMismatches: 0, doubleFirstEntries: 0, placesMismatch: 0 });
  return inside;
}
