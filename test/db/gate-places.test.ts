import { beforeAll, describe, expect, it } from 'vitest';
import { updateEvent } from '../../src/db/events.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { resetReservation } from '../../src/db/reservations.js';
import { annulScan, redeemScan, type Scanner } from '../../src/db/scans.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';

// The escrow of an event's capacity (db/functions/move_gate_place.sql,
// split_gate_places.sql): each gate's places on a row of its own; places +
// people inside = capacity, always.
const db = useTestDatabase();

/** A night with the capacity split over gates A, B and main (its places start even, as a capacity change leaves them). */
async function night(capacity: number): Promise<{ night: Night; a: Scanner; b: Scanner; codes: string[] }> {
  const n = await makeNight(db.sql, { reservations: 2, guests: 6 });
  const [a, b] = await makeScanners(db.sql, n.venueId, 2);
  await updateEvent(db.sql, n.venueId, n.eventId, { capacity });
  return { night: n, a: a!, b: b!, codes: n.reservations.flatMap((r) => r.codes) };
}

async function places(n: Night): Promise<Record<string, number>> {
  const rows = await db.sql<{ gate: string; places: number }[]>`
    select gate, places from gate_places where venue_id = ${n.venueId} and event_id = ${n.eventId}`;
  return Object.fromEntries(rows.map((r) => [r.gate, r.places]));
}

const sum = (p: Record<string, number>) => Object.values(p).reduce((s, v) => s + v, 0);

async function inside(n: Night): Promise<number> {
  const [row] = await db.sql<{ inside: number }[]>`
    select coalesce(sum(inside), 0)::int as inside from scan_counters where venue_id = ${n.venueId} and event_id = ${n.eventId}`;
  return row!.inside;
}

async function expectExact(n: Night, capacity: number) {
  expect(sum(await places(n)) + await inside(n)).toBe(capacity);
  expect(await checkInvariants(db.sql, n.eventId)).toMatchObject({ counterMismatches: 0, reservationMismatches: 0, placesMismatch: 0 });
}

const scan = (scanner: Scanner, code: string, direction: 'entry' | 'exit' = 'entry') =>
  redeemScan(db.sql, { scanner, code, nonce: nonce(), direction });

describe('gate places', () => {
  let s: Awaited<ReturnType<typeof night>>;
  beforeAll(async () => { s = await night(30); });

  it('a capacity is split evenly over the venue\'s gates; an entry takes a place at its gate, an exit gives it back at its own', async () => {
    expect(await places(s.night)).toEqual({ A: 10, B: 10, main: 10 });
    expect(await scan(s.a, s.codes[0]!)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
    expect(await places(s.night)).toEqual({ A: 9, B: 10, main: 10 });
    expect(await scan(s.b, s.codes[0]!, 'exit')).toMatchObject({ decision: 'admit', entryType: 'exit' });
    expect(await places(s.night)).toEqual({ A: 9, B: 11, main: 10 });
    await expectExact(s.night, 30);
  });

  it('an event without a capacity has no places, and clearing one takes them away', async () => {
    const n = await makeNight(db.sql, { reservations: 1, guests: 2 });
    const [a] = await makeScanners(db.sql, n.venueId, 1);
    expect(await scan(a!, n.reservations[0]!.codes[0]!)).toMatchObject({ decision: 'admit' });
    expect(await places(n)).toEqual({});
    await updateEvent(db.sql, n.venueId, n.eventId, { capacity: 5 });
    expect(sum(await places(n))).toBe(4);
    await updateEvent(db.sql, n.venueId, n.eventId, { capacity: null });
    expect(await places(n)).toEqual({});
  });
});

describe('a gate out of places', () => {
  it('takes them from the other gates, re-split over all of them', async () => {
    const { night: n, a, codes } = await night(3);
    expect(await places(n)).toEqual({ A: 1, B: 1, main: 1 });
    expect(await scan(a, codes[0]!)).toMatchObject({ decision: 'admit' });
    expect(await places(n)).toEqual({ A: 0, B: 1, main: 1 });
    expect(await scan(a, codes[1]!)).toMatchObject({ decision: 'admit' });
    expect(await places(n)).toEqual({ A: 1, B: 0, main: 0 });
    await expectExact(n, 3);
  });

  it('finds none when the venue is full: every gate refuses until someone goes out, at any gate', async () => {
    const { night: n, a, b, codes } = await night(2);
    await scan(a, codes[0]!);
    await scan(a, codes[1]!);
    expect(await scan(a, codes[2]!)).toMatchObject({ decision: 'deny', reason: 'capacity_reached' });
    expect(await scan(b, codes[2]!)).toMatchObject({ decision: 'deny', reason: 'capacity_reached' });
    expect(sum(await places(n))).toBe(0);
    expect(await scan(b, codes[0]!, 'exit')).toMatchObject({ decision: 'admit', entryType: 'exit' });
    expect(await scan(a, codes[2]!)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
    expect(await scan(b, codes[0]!)).toMatchObject({ decision: 'deny', reason: 'capacity_reached' });
    await expectExact(n, 2);
  });
});

describe('a capacity change', () => {
  it('re-splits what is free; lowered below who is inside, the venue stays full until enough have gone out', async () => {
    const { night: n, a, b, codes } = await night(10);
    for (const code of codes.slice(0, 4)) await scan(a, code);
    await updateEvent(db.sql, n.venueId, n.eventId, { capacity: 6 });
    expect(await places(n)).toEqual({ A: 1, B: 1, main: 0 });
    await updateEvent(db.sql, n.venueId, n.eventId, { capacity: 3 });
    expect(sum(await places(n))).toBe(-1);
    await expectExact(n, 3);
    expect(await scan(b, codes[4]!)).toMatchObject({ reason: 'capacity_reached' });
    await scan(b, codes[0]!, 'exit');
    expect(await scan(a, codes[4]!)).toMatchObject({ reason: 'capacity_reached' });
    await scan(b, codes[1]!, 'exit');
    expect(await scan(a, codes[4]!)).toMatchObject({ decision: 'admit' });
    expect(await scan(a, codes[5]!)).toMatchObject({ reason: 'capacity_reached' });
    await expectExact(n, 3);
  });
});

describe('undoing scans', () => {
  it('an annulled entry gives its place back at its gate; an annulled exit takes one again, refused when the venue is full', async () => {
    const { night: n, a, b, codes } = await night(3);
    const entered = await scan(a, codes[0]!);
    expect(await places(n)).toEqual({ A: 0, B: 1, main: 1 });
    await annulScan(db.sql, n.venueId, entered.scanId, { id: (a as { deviceId: string }).deviceId, authority: 'own_scans' }, 15);
    expect(await places(n)).toEqual({ A: 1, B: 1, main: 1 });
    await scan(a, codes[0]!);
    const exited = await scan(b, codes[0]!, 'exit');
    await scan(a, codes[1]!);
    await scan(a, codes[2]!);
    await scan(a, codes[3]!);
    expect(sum(await places(n))).toBe(0);
    await expect(annulScan(db.sql, n.venueId, exited.scanId, { id: (b as { deviceId: string }).deviceId, authority: 'own_scans' }, 15))
      .rejects.toMatchObject({ status: 409 });
    await scan(a, codes[3]!, 'exit');
    await annulScan(db.sql, n.venueId, exited.scanId, { id: (b as { deviceId: string }).deviceId, authority: 'own_scans' }, 15);
    await expectExact(n, 3);
  });

  it('a reset gives back the places of its people still inside', async () => {
    const { night: n, a, b } = await night(8);
    const [first, second] = n.reservations;
    for (const code of first!.codes.slice(0, 3)) await scan(a, code);
    await scan(b, first!.codes[0]!, 'exit');
    for (const code of second!.codes.slice(0, 2)) await scan(b, code);
    expect(sum(await places(n))).toBe(4);
    await resetReservation(db.sql, n.venueId, first!.id, { name: 'test' });
    expect(sum(await places(n))).toBe(6);
    await expectExact(n, 8);
  });
});

describe('an offline admission the server refuses for capacity', () => {
  it('stands: the venue is overdrawn, and stays full until more have gone out than it is over', async () => {
    const { night: n, a, b, codes } = await night(1);
    await scan(a, codes[0]!);
    const offline = await redeemScan(db.sql, {
      scanner: b, code: codes[1]!, nonce: nonce(), offline: true, localDecision: 'admit', scannedAt: new Date(Date.now() - 60_000),
    });
    expect(offline).toMatchObject({ decision: 'admit', reason: 'capacity_reached' });
    expect(await inside(n)).toBe(2);
    await expectExact(n, 1);
    await scan(b, codes[1]!, 'exit');
    expect(await scan(b, codes[2]!)).toMatchObject({ reason: 'capacity_reached' });
    await scan(a, codes[0]!, 'exit');
    expect(await scan(b, codes[2]!)).toMatchObject({ decision: 'admit' });
    await expectExact(n, 1);
  });
});
