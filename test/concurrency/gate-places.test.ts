import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { useTestDatabase } from '../support/database.js';
import { capacityNight, expectPlacesExact, sampleInside, scanInLanes } from '../support/capacity-race.js';

// The capacity escrowed in per-gate places (db/functions/move_gate_place.sql):
// many entries at once at several gates, on separate connections, against a
// small capacity. Exactly the capacity comes in, never more, the rest
// capacity_reached; log = counters, places + inside = capacity after.
const db = useTestDatabase();
const CONNECTIONS = 12;
const GATES = 6;             // two connections per gate
let clients: Sql[];
let sampler: Sql;

beforeAll(async () => {
  clients = await db.clients(CONNECTIONS);
  [sampler] = await db.clients(1) as [Sql];
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe(`entries at ${GATES} gates from ${CONNECTIONS} connections at once`, () => {
  it('let in exactly the capacity, 25 of 120, and refuse the other 95 for capacity', async () => {
    const race = await capacityNight(db.sql, { people: 120, gates: GATES, capacity: 25 });
    const entries = shuffle(race.codes.map((code) => ({ code, direction: 'entry' as const })));
    const { result: answers, maxInside } = await sampleInside(sampler, race.night, scanInLanes(clients, race.scanners, entries));

    expect(answers.filter((a) => a.decision === 'admit')).toHaveLength(25);
    expect(answers.filter((a) => a.reason === 'capacity_reached')).toHaveLength(95);
    expect(maxInside).toBeLessThanOrEqual(25);
    expect(await expectPlacesExact(db.sql, race)).toBe(25);
  });

  it('with exits at every gate among them: never over, and full again exactly once everyone left outside tries', async () => {
    const race = await capacityNight(db.sql, { people: 100, gates: GATES, capacity: 20 });
    const first = await scanInLanes(clients, race.scanners, shuffle(race.codes.slice(0, 40).map((code) => ({ code, direction: 'entry' as const }))));
    expect(first.filter((a) => a.decision === 'admit')).toHaveLength(20);

    // Who is inside, by the log: they go out while everyone else tries to come in.
    const rows = await db.sql<{ code: string }[]>`
      select p.code from scan_log l join guest_passes p on p.venue_id = l.venue_id and p.id = l.subject_id
       where l.venue_id = ${race.night.venueId} and l.event_id = ${race.night.eventId} and l.decision = 'admit'`;
    const leaving = new Set(rows.map((r) => r.code));
    const outside = race.codes.filter((code) => !leaving.has(code));
    const wave = shuffle([
      ...[...leaving].map((code) => ({ code, direction: 'exit' as const })),
      ...outside.map((code) => ({ code, direction: 'entry' as const })),
    ]);
    const { result: answers, maxInside } = await sampleInside(sampler, race.night, scanInLanes(clients, race.scanners, wave));
    expect(answers.filter((a) => a.entryType === 'exit')).toHaveLength(20);
    const cameIn = answers.filter((a) => a.entryType === 'first_entry').length;
    expect(cameIn).toBeLessThanOrEqual(20);
    expect(answers.filter((a) => a.reason === 'capacity_reached')).toHaveLength(80 - cameIn);
    expect(maxInside).toBeLessThanOrEqual(20);
    expect(await expectPlacesExact(db.sql, race)).toBe(cameIn);

    // Everyone outside now (the 20 who left among them) tries again at once: exactly the free places come in.
    const allIn = await db.sql<{ code: string }[]>`
      select p.code from guest_passes p
       where p.venue_id = ${race.night.venueId} and p.event_id = ${race.night.eventId} and not p.inside`;
    const again = await sampleInside(sampler, race.night, scanInLanes(clients, race.scanners,
      shuffle(allIn.map((r) => ({ code: r.code, direction: 'entry' as const })))));
    expect(again.result.filter((a) => a.decision === 'admit')).toHaveLength(20 - cameIn);
    expect(again.maxInside).toBeLessThanOrEqual(20);
    expect(await expectPlacesExact(db.sql, race)).toBe(20);
  });
});
