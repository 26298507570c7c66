import { beforeAll, describe, expect, it } from 'vitest';
import { createVenue } from '../../src/db/events.js';
import { createSession, createStaff, findStaffByEmail } from '../../src/db/staff.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let eventId: string;
let door: { device: { id: string }; token: string };

beforeAll(async () => {
  eventId = await ga.event();
  door = await ga.device(eventId, 'T');
});

const scan = async (code: string, token = door.token) =>
  (await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce() } })).json() as ScanAnswer;
const annul = (scanId: string, token = door.token) =>
  h.app.inject({ method: 'POST', url: `/v1/scans/${scanId}/annul`, headers: h.auth(token) });
const stats = async () =>
  (await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/stats`, headers: h.auth(h.tokens.owner) })).json() as { inside: number; admittedPeople: number };

describe('annulling an admission (the turnstile did not turn)', () => {
  it('reverts the ticket and every count, records the annulment, and lets the ticket in again', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const before = await stats();
    const admitted = await scan(t!.code);
    expect(await stats()).toMatchObject({ inside: before.inside + 1, admittedPeople: before.admittedPeople + 1 });
    const res = await annul(admitted.scanId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ scanId: admitted.scanId, annulled: true, alreadyAnnulled: false });
    expect((await h.db.sql`select status, inside, first_entry_scan_id from tickets where id = ${t!.id}`)[0]).toEqual({ status: 'issued', inside: false, first_entry_scan_id: null });
    expect(await stats()).toMatchObject({ inside: before.inside, admittedPeople: before.admittedPeople }); // the scan itself still counts as a scan
    const log = (await h.app.inject({ method: 'GET', url: `/v1/scans?subjectId=${t!.id}`, headers: h.auth(h.tokens.owner) })).json() as { items: { scanId: string; annulledAt: string | null }[] };
    expect(log.items.find((i) => i.scanId === admitted.scanId)!.annulledAt).not.toBeNull();
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('a second time changes nothing', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const admitted = await scan(t!.code);
    await annul(admitted.scanId);
    const after = await stats();
    const again = await annul(admitted.scanId);
    expect(again.json()).toMatchObject({ alreadyAnnulled: true });
    expect(await stats()).toEqual(after);
    expect(await h.db.sql`select 1 from scan_annulments where scan_id = ${admitted.scanId}`).toHaveLength(1);
  });

  it('puts a VIP reservation back when its only arrival is annulled', async () => {
    const tables = (await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/tables`, headers: h.auth(h.tokens.owner) })).json() as { items: unknown[] };
    const table = tables.items.length ? (tables.items[0] as { id: string }) : (await ga.post<{ id: string }>(`/v1/events/${eventId}/tables`, { number: '9', capacity: 4 })).body;
    const reservation = await ga.post<{ id: string }>(`/v1/events/${eventId}/reservations`, { tableId: table.id, hostName: 'Solo', guestCount: 2 });
    const confirmed = await ga.post<{ passes: { code: string }[] }>(`/v1/reservations/${reservation.body.id}/confirm`);
    const admitted = await scan(confirmed.body.passes[0]!.code);
    expect(admitted.reservation).toMatchObject({ status: 'checked_in', checkedInGuests: 1 });
    expect((await annul(admitted.scanId)).statusCode).toBe(200);
    expect((await h.db.sql`select status, checked_in_guests, first_checked_in_at from vip_reservations where id = ${reservation.body.id}`)[0])
      .toEqual({ status: 'confirmed', checked_in_guests: 0, first_checked_in_at: null });
  });

  it('is refused to another device (403), after 15 minutes (409), for a denial (409) and for an older admission (409)', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'always' }));
    const admitted = await scan(t!.code);
    const other = await ga.device(eventId, 'U');
    expect((await annul(admitted.scanId, other.token)).statusCode).toBe(403);
    const later = await scan(t!.code); // a re-entry after it
    expect((await annul(admitted.scanId)).statusCode).toBe(409);
    await h.db.sql`update scan_log set recorded_at = recorded_at - interval '16 minutes' where id = ${later.scanId}`;
    expect((await annul(later.scanId)).statusCode).toBe(409);
    const denial = await scan('NOT-A-REAL-CODE-1');
    expect((await annul(denial.scanId)).statusCode).toBe(409);
    expect(await h.db.sql`select 1 from scan_annulments where scan_id in ${h.db.sql([admitted.scanId, later.scanId, denial.scanId])}`).toHaveLength(0);
  });

  it('lets an owner or manager undo any scanner\'s admission from the dashboard, but not a door person, another venue or a promoter', async () => {
    const { tickets } = await ga.tickets(eventId, await ga.ticketType(eventId), 3);
    const [byManager, byOwner, byDoor] = await Promise.all(tickets.map((t) => scan(t.code)));
    const before = await stats();
    expect((await annul(byDoor!.scanId, h.tokens.door)).statusCode).toBe(403);
    expect((await annul(byDoor!.scanId, h.tokens.promoter)).statusCode).toBe(403);
    const elsewhere = await createVenue(h.db.sql, { name: 'Another club' });
    const otherOwner = await createStaff(h.db.sql, { venueId: elsewhere.id, email: 'owner@another.club', name: 'Other owner', role: 'owner', password: 'another-club-password-1' });
    expect((await annul(byDoor!.scanId, await createSession(h.db.sql, otherOwner.id))).statusCode).toBe(404);
    expect(await stats()).toEqual(before);
    const res = await annul(byManager!.scanId, h.tokens.manager);
    expect(res.statusCode, res.body).toBe(200);
    expect((await annul(byOwner!.scanId, h.tokens.owner)).json()).toMatchObject({ annulled: true, alreadyAnnulled: false });
    expect(await stats()).toMatchObject({ inside: before.inside - 2, admittedPeople: before.admittedPeople - 2 });
    // the annulment names who undid it; the counts of the scanner that admitted are the ones corrected
    const [row] = await h.db.sql`select scanner_id from scan_annulments where scan_id = ${byManager!.scanId}`;
    expect(row!.scanner_id).toBe((await findStaffByEmail(h.db.sql, 'manager@maguey.local'))!.id);
    const counters = await h.db.sql`select coalesce(sum(inside), 0)::int as inside from scan_counters where event_id = ${eventId} and scanner_id = ${door.device.id}`;
    const log = await h.db.sql`
      select coalesce(sum(inside_delta), 0)::int as inside from scan_log l
       where l.event_id = ${eventId} and l.scanner_id = ${door.device.id}
         and not exists (select 1 from scan_annulments a where a.venue_id = l.venue_id and a.scan_id = l.id)`;
    expect(counters[0]).toEqual(log[0]);
  });
});
