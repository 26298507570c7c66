import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { createGuestList, setPromoterCap } from '../../src/db/guest-lists.js';
import { addGuest, findGuest } from '../../src/db/guests.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { annulScan, redeemScan, type Scanner } from '../../src/db/scans.js';
import { createStaff } from '../../src/db/staff.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, testIssuer, type Night } from '../support/fixtures.js';

const db = useTestDatabase();
const N = 50;
let night: Night;
let clients: Sql[];
let scanners: Scanner[];

beforeAll(async () => {
  night = await makeNight(db.sql, { reservations: 0, guests: 1 });
  clients = await db.clients(N);
  scanners = await makeScanners(db.sql, night.venueId, N);
});

const list = (extra: { capacity?: number; promoterId?: string } = {}) =>
  createGuestList(db.sql, { venueId: night.venueId, eventId: night.eventId, name: `List ${nonce()}`, promoterId: null, createdBy: null, ...extra });

/** Runs `work(i)` on N separate connections at once; each outcome is the value or the refusal's code. */
const atOnce = <T>(n: number, work: (sql: Sql, i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => work(clients[i]!, i).catch((error: unknown) => {
    if (error instanceof DomainError) return error.code;
    throw error;
  })));

describe('50 additions to one list at once', () => {
  it('never pass its capacity: exactly as many people as fit, the rest 409 list_full', async () => {
    const { id } = await list({ capacity: 20 });
    // each guest brings one: 10 parties of 2 fit
    const outcomes = await atOnce(N, (sql, i) => addGuest(sql, testIssuer, night.venueId, id, { name: `Guest ${i}`, plusOnes: 1, createdBy: null }));
    expect(outcomes.filter((o) => o === 'list_full')).toHaveLength(40);
    const [row] = await db.sql<{ people: number; guests: number; listed: number }[]>`
      select l.people, count(g.*)::int as guests, coalesce(sum(g.plus_ones + 1), 0)::int as listed
        from guest_lists l left join guests g on g.venue_id = l.venue_id and g.list_id = l.id
       where l.id = ${id} group by l.people`;
    expect(row).toEqual({ people: 20, guests: 10, listed: 20 });
  });

  it('never pass a promoter\'s cap over two of their lists', async () => {
    const promoter = await createStaff(db.sql, { venueId: night.venueId, email: `p${nonce()}@x.io`, name: 'P', role: 'promoter', password: 'long-enough-pw' });
    await setPromoterCap(db.sql, night.venueId, night.eventId, promoter.id, 15);
    const lists = [await list({ promoterId: promoter.id }), await list({ promoterId: promoter.id })];
    const outcomes = await atOnce(N, (sql, i) => addGuest(sql, testIssuer, night.venueId, lists[i % 2]!.id, { name: `Guest ${i}`, createdBy: null }));
    expect(outcomes.filter((o) => o === 'list_full')).toHaveLength(35);
    const [row] = await db.sql<{ people: number; guests: number }[]>`
      select sum(l.people)::int as people, (select count(*)::int from guests g where g.list_id in (${lists[0]!.id}, ${lists[1]!.id})) as guests
        from guest_lists l where l.promoter_id = ${promoter.id}`;
    expect(row).toEqual({ people: 15, guests: 15 });
  });
});

describe('a guest\'s party at several doors at once', () => {
  const guestWith = async (plusOnes: number) => addGuest(db.sql, testIssuer, night.venueId, (await list()).id, { name: 'Ana Torres', plusOnes, createdBy: null });
  const scanAt = (sql: Sql, i: number, code: string, direction: 'entry' | 'exit' = 'entry') =>
    redeemScan(sql, { scanner: scanners[i]!, code, nonce: nonce(), direction });
  /** Scanner i's id: an annulment is made by the scanner that scanned (makeScanners makes devices). */
  const scannerId = (i: number) => { const s = scanners[i]!; return s.kind === 'device' ? s.deviceId : s.staffId; };

  it('two doors checking in the last plus-one: exactly one succeeds', async () => {
    const guest = await guestWith(1);
    expect(await scanAt(db.sql, 0, guest.code)).toMatchObject({ decision: 'admit', message: 'Guest list · Ana Torres +1 · 1 of 2' });
    const [a, b] = await atOnce(2, (sql, i) => scanAt(sql, i, guest.code)) as ScanAnswer[];
    expect([a!.decision, b!.decision].sort()).toEqual(['admit', 'deny']);
    const denied = a!.decision === 'deny' ? a! : b!;
    expect(denied).toMatchObject({ reason: 'already_used', message: 'Already used · Guest list · Ana Torres +1 · 2 of 2 in' });
    expect(await findGuest(db.sql, night.venueId, guest.id)).toMatchObject({ entries: 2, inside: 2 });
  });

  it(`${N} check-ins of a +2 guest at once: exactly 3 admitted, and the log, the guest and the counters agree`, async () => {
    const guest = await guestWith(2);
    const answers = await atOnce(N, (sql, i) => scanAt(sql, i, guest.code)) as ScanAnswer[];
    const admitted = answers.filter((a) => a.decision === 'admit');
    expect(admitted).toHaveLength(3);
    expect(admitted.map((a) => a.message).sort()).toEqual(['1 of 3', '2 of 3', '3 of 3'].map((n) => `Guest list · Ana Torres +2 · ${n}`));
    expect(answers.filter((a) => a.reason === 'already_used')).toHaveLength(N - 3);
    const [log] = await db.sql<{ firsts: number; denied: number }[]>`
      select count(*) filter (where entry_type = 'first_entry')::int as firsts, count(*) filter (where decision = 'deny')::int as denied
        from scan_log where subject_id = ${guest.id}`;
    expect(log).toEqual({ firsts: 3, denied: N - 3 });
    expect(await findGuest(db.sql, night.venueId, guest.id)).toMatchObject({ entries: 3, inside: 3, status: 'checked_in' });
    expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({ doubleFirstEntries: 0, guestMismatches: 0, counterMismatches: 0 });
  });

  it('keeps the party exact through exits, re-entries and annulments', async () => {
    const guest = await guestWith(1);
    const first = await scanAt(db.sql, 0, guest.code);
    expect(await scanAt(db.sql, 1, guest.code)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
    expect(await scanAt(db.sql, 1, guest.code, 'exit')).toMatchObject({ decision: 'admit', entryType: 'exit', message: 'Exit · Guest list · Ana Torres +1' });
    const back = await scanAt(db.sql, 2, guest.code);
    expect(back).toMatchObject({ decision: 'admit', entryType: 'reentry', message: 'Re-entry · Guest list · Ana Torres +1' });
    expect(await scanAt(db.sql, 2, guest.code)).toMatchObject({ decision: 'deny', reason: 'already_used' });
    // the re-entry did not happen (the door person undoes it): one person out again
    expect(await annulScan(db.sql, night.venueId, back.scanId, { id: scannerId(2), authority: 'own_scans' }, 15)).toBe('annulled');
    expect(await findGuest(db.sql, night.venueId, guest.id)).toMatchObject({ entries: 2, inside: 1 });
    await expect(annulScan(db.sql, night.venueId, first.scanId, { id: scannerId(0), authority: 'own_scans' }, 15))
      .rejects.toMatchObject({ code: 'not_the_latest_scan' });
    expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({ doubleFirstEntries: 0, guestMismatches: 0, counterMismatches: 0 });
  });
});
