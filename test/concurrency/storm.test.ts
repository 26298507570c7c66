import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';

const db = useTestDatabase();
const CONNECTIONS = 32;
let night: Night;
let clients: Sql[];
let scanners: Scanner[];

beforeAll(async () => {
  night = await makeNight(db.sql, { reservations: 20, guests: 10 });
  clients = await db.clients(CONNECTIONS);
  scanners = await makeScanners(db.sql, night.venueId, CONNECTIONS);
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe('2,000 scans from 32 connections at once', () => {
  it('admit each of 200 passes exactly once as a first entry, with exact counts and no error', async () => {
    const codes = night.reservations.flatMap((r) => r.codes);
    const work = shuffle(codes.flatMap((code) => Array<string>(10).fill(code)));
    const queues = clients.map((_, i) => work.filter((_, k) => k % CONNECTIONS === i));
    // 32 queues run in parallel, each on its own connection, each its own scanner
    const answers = (await Promise.all(queues.map(async (queue, i) => {
      const out: ScanAnswer[] = [];
      for (const code of queue) out.push(await redeemScan(clients[i]!, { scanner: scanners[i]!, code, nonce: nonce() }));
      return out;
    }))).flat();

    expect(answers).toHaveLength(2_000);
    expect(answers.filter((a) => a.decision === 'admit')).toHaveLength(2_000);
    expect(answers.filter((a) => a.entryType === 'first_entry')).toHaveLength(200);
    const [log] = await db.sql<{ rows: number; firsts: number; subjects: number; reentries: number }[]>`
      select count(*)::int as rows,
             count(*) filter (where entry_type = 'first_entry')::int as firsts,
             count(distinct subject_id) filter (where entry_type = 'first_entry')::int as subjects,
             count(*) filter (where entry_type = 'reentry')::int as reentries
        from scan_log where event_id = ${night.eventId}`;
    expect(log).toEqual({ rows: 2_000, firsts: 200, subjects: 200, reentries: 1_800 });
    const reservations = await db.sql<{ checked_in_guests: number; status: string }[]>`
      select checked_in_guests, status from vip_reservations where event_id = ${night.eventId}`;
    expect(reservations.every((r) => r.checked_in_guests === 10 && r.status === 'checked_in')).toBe(true);
    expect(await checkInvariants(db.sql, night.eventId)).toEqual({ doubleFirstEntries: 0, conflictsWithoutItem: 0, guestMismatches: 0, reservationMismatches: 0, counterMismatches: 0, placesMismatch: 0, logRows: 2_000 });
  });
});

describe('a retried scan', () => {
  it('sent 20 times at once with one nonce is one scan: one row, 20 identical answers', async () => {
    const code = night.reservations[0]!.codes[0]!;
    const [reservationBefore] = await db.sql`select checked_in_guests from vip_reservations where id = ${night.reservations[0]!.id}`;
    const same = nonce();
    const answers = await Promise.all(clients.slice(0, 20).map((client) => redeemScan(client, { scanner: scanners[0]!, code, nonce: same })));
    const rows = await db.sql`select id from scan_log where scanner_id = ${(scanners[0] as { deviceId: string }).deviceId} and nonce = ${same}`;
    expect(rows).toHaveLength(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const strip = ({ replayed: _, ...rest }: ScanAnswer) => rest;
    expect(new Set(answers.map((a) => JSON.stringify(strip(a)))).size).toBe(1);
    expect(answers[0]!.scanId).toBe(rows[0]!.id);
    const [reservationAfter] = await db.sql`select checked_in_guests from vip_reservations where id = ${night.reservations[0]!.id}`;
    expect(reservationAfter).toEqual(reservationBefore);
  });

  it('after a first entry, counts once: the 20 copies of a new pass’s first scan check in one guest', async () => {
    const night2 = await makeNight(db.sql, { reservations: 1, guests: 2 });
    const [scanner] = await makeScanners(db.sql, night2.venueId, 1);
    const same = nonce();
    const answers = await Promise.all(clients.slice(0, 20).map((client) =>
      redeemScan(client, { scanner: scanner!, code: night2.reservations[0]!.codes[0]!, nonce: same })));
    expect(answers.every((a) => a.entryType === 'first_entry' && a.reservation?.checkedInGuests === 1)).toBe(true);
    const [res] = await db.sql`select checked_in_guests from vip_reservations where id = ${night2.reservations[0]!.id}`;
    expect(res).toEqual({ checked_in_guests: 1 });
  });

  it('replays a denial too, writing nothing new', async () => {
    const same = nonce();
    const first = await redeemScan(db.sql, { scanner: scanners[1]!, code: 'NO-SUCH-CODE-123', nonce: same });
    const again = await redeemScan(db.sql, { scanner: scanners[1]!, code: 'NO-SUCH-CODE-123', nonce: same });
    expect(again).toEqual({ ...first, replayed: true });
    const rows = await db.sql`select 1 from scan_log where nonce = ${same}`;
    expect(rows).toHaveLength(1);
  });
});
