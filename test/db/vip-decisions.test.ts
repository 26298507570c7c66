import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/db/events.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, makeScanners, nonce, type Night } from '../support/fixtures.js';

const db = useTestDatabase();
let night: Night;
let door: Scanner;
let other: Scanner;

beforeAll(async () => {
  night = await makeNight(db.sql, { reservations: 6, guests: 4 });
  const scanners = await makeScanners(db.sql, night.venueId, 2);
  door = scanners[0]!;
  other = scanners[1]!;
});

const scan = (code: string, extra: { direction?: 'entry' | 'exit'; scanner?: Scanner } = {}) =>
  redeemScan(db.sql, { scanner: extra.scanner ?? door, code, nonce: nonce(), direction: extra.direction });

/** Everything a denial must leave alone: the passes and the reservation, every column. */
async function snapshot(reservationId: string) {
  const [reservation] = await db.sql`select * from vip_reservations where id = ${reservationId}`;
  const passes = await db.sql`select * from guest_passes where reservation_id = ${reservationId} order by pass_number`;
  return JSON.stringify({ reservation, passes });
}

const logRows = async (reason: string) =>
  (await db.sql<{ n: number }[]>`select count(*)::int as n from scan_log where reason = ${reason}::scan_reason`)[0]!.n;

describe('a VIP pass at the door', () => {
  it('is admitted as a first entry, checking the guest and the reservation in', async () => {
    const r = night.reservations[0]!;
    const answer = await scan(r.codes[1]!);
    expect(answer).toMatchObject({ decision: 'admit', entryType: 'first_entry', reason: null, severity: 'ok', message: 'Guest 2 of 4 · Table 1', firstEntry: null });
    expect(answer.reservation).toMatchObject({ status: 'checked_in', checkedInGuests: 1, guestCount: 4 });
    const [pass] = await db.sql`select status, inside, first_entry_scan_id from guest_passes where code = ${r.codes[1]!}`;
    expect(pass).toEqual({ status: 'checked_in', inside: true, first_entry_scan_id: answer.scanId });
    const [res] = await db.sql`select status, checked_in_guests, first_checked_in_at from vip_reservations where id = ${r.id}`;
    expect(res).toMatchObject({ status: 'checked_in', checked_in_guests: 1 });
    expect(res!.first_checked_in_at).toBeInstanceOf(Date);
  });

  it('re-enters with a remark and without touching the reservation row', async () => {
    const r = night.reservations[0]!;
    const xmin = async () => (await db.sql<{ xmin: string }[]>`select xmin::text from vip_reservations where id = ${r.id}`)[0]!.xmin;
    const before = await xmin();
    const answer = await scan(r.codes[1]!, { scanner: other });
    expect(answer).toMatchObject({ decision: 'admit', entryType: 'reentry', reason: 'reentry', severity: 'warn' });
    expect(answer.firstEntry).toMatchObject({ gate: 'A', deviceName: 'Scanner 1' });
    expect(await xmin()).toBe(before);
  });

  it('leaves by an exit, and an exit without being inside is a warning', async () => {
    const r = night.reservations[0]!;
    expect(await scan(r.codes[1]!, { direction: 'exit' })).toMatchObject({ decision: 'admit', entryType: 'exit', severity: 'ok' });
    expect(await scan(r.codes[1]!, { direction: 'exit' })).toMatchObject({ decision: 'deny', reason: 'not_inside', severity: 'warn' });
    expect(await scan(r.codes[2]!, { direction: 'exit' })).toMatchObject({ decision: 'deny', reason: 'not_inside' });
  });
});

describe('a denied VIP scan', () => {
  const cases: { reason: string; arrange: (r: Night['reservations'][number]) => Promise<unknown>; scanner?: () => Promise<Scanner> }[] = [
    { reason: 'revoked', arrange: (r) => db.sql`update guest_passes set status = 'revoked' where code = ${r.codes[0]!}` },
    { reason: 'cancelled', arrange: (r) => db.sql`update guest_passes set status = 'cancelled' where code = ${r.codes[0]!}` },
    { reason: 'reservation_cancelled', arrange: (r) => db.sql`update vip_reservations set status = 'cancelled' where id = ${r.id}` },
    { reason: 'reservation_not_confirmed', arrange: (r) => db.sql`update vip_reservations set status = 'no_show' where id = ${r.id}` },
    {
      reason: 'wrong_event', arrange: async () => {},
      scanner: async () => {
        const event = await createEvent(db.sql, { venueId: night.venueId, name: 'Other night', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) });
        return (await makeScanners(db.sql, night.venueId, 1, event.id))[0]!;
      },
    },
  ];
  cases.forEach(({ reason, arrange, scanner }, i) => {
    it(`is ${reason}, logged once, and changes nothing`, async () => {
      const r = night.reservations[i + 1]!;
      await arrange(r);
      const before = await snapshot(r.id);
      const rows = await logRows(reason);
      const answer = await scan(r.codes[0]!, { scanner: scanner ? await scanner() : door });
      expect(answer).toMatchObject({ decision: 'deny', reason, entryType: null, severity: 'deny' });
      expect(await snapshot(r.id)).toBe(before);
      expect(await logRows(reason)).toBe(rows + 1);
    });
  });

  it('is unknown_code for a code nobody issued, and the log keeps its hash, never its text', async () => {
    const code = 'FORGED-PASS-0042-XYZ';
    const answer = await scan(code);
    expect(answer).toMatchObject({ decision: 'deny', reason: 'unknown_code', subject: null, reservation: null });
    const [row] = await db.sql<{ code_hash: Buffer; whole: string }[]>`select code_hash, s::text as whole from scan_log s where id = ${answer.scanId}`;
    expect(row!.code_hash.equals(createHash('sha256').update(code).digest())).toBe(true);
    expect(row!.whole).not.toContain(code);
  });
});

describe('the counters', () => {
  it('add up to exactly what the log says', async () => {
    expect(await checkInvariants(db.sql, night.eventId)).toMatchObject({ doubleFirstEntries: 0, reservationMismatches: 0, counterMismatches: 0 });
  });
});
