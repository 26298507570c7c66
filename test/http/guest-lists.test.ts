import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createStaff, createSession } from '../../src/db/staff.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { parseCode } from '../../src/domain/signed-codes.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp();
const EVENT = VIP_TEST.eventId;

type Role = 'owner' | 'manager' | 'promoter';
const call = (role: Role | string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: h.auth(role in h.tokens ? h.tokens[role as Role] : role), ...(payload ? { payload } : {}) });
const newList = async (role: Role | string, body: object = {}) => {
  const res = await call(role, 'POST', `/v1/events/${EVENT}/guest-lists`, { name: `List ${nonce().slice(-6)}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; promoterId: string | null; people: number };
};
const addGuest = (role: Role | string, listId: string, body: object) => call(role, 'POST', `/v1/guest-lists/${listId}/guests`, body);
const scan = async (payload: object) =>
  (await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { nonce: nonce(), ...payload } })).json() as ScanAnswer;

async function secondPromoter(): Promise<string> {
  const staff = await createStaff(h.db.sql, { venueId: VIP_TEST.venueId, email: `p${nonce()}@x.io`, name: 'Other promoter', role: 'promoter', password: 'long-enough-pw' });
  return createSession(h.db.sql, staff.id);
}

describe('guest lists', () => {
  it('a promoter makes a list of their own and adds a guest with plus-ones: a signed guest code and a share link', async () => {
    const list = await newList('promoter', { capacity: 10 });
    const me = (await call('promoter', 'GET', '/v1/me')).json() as { staff: { id: string } };
    expect(list.promoterId).toBe(me.staff.id);
    const res = await addGuest('promoter', list.id, { name: 'Ana Torres', plusOnes: 2, email: 'ana@example.com' });
    expect(res.statusCode, res.body).toBe(201);
    const guest = res.json() as { id: string; code: string; shareUrl: string; plusOnes: number; checkedIn: number; possibleDuplicateOf: unknown[] };
    expect(guest).toMatchObject({ plusOnes: 2, checkedIn: 0, possibleDuplicateOf: [] });
    const parsed = parseCode(guest.code);
    expect(parsed.form === 'signed' && parsed.claim).toMatchObject({ kind: 'guest', subjectId: guest.id, serial: 1 });
    expect((await call('promoter', 'GET', `/v1/guest-lists/${list.id}`)).json()).toMatchObject({ people: 3, guests: 1 });

    const shared = await h.app.inject({ method: 'GET', url: guest.shareUrl });
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['content-type']).toContain('image/svg+xml');
    expect(shared.headers['cache-control']).toContain('no-store');
    expect((await h.app.inject({ method: 'GET', url: guest.shareUrl.replace(/\/[^/]+\/qr\.svg$/, '/AAAAAAAAAAAAAAAAAAAAAAAA/qr.svg') })).statusCode).toBe(404);
    expect((await call('promoter', 'GET', `/v1/guests/${guest.id}/qr.png`)).headers['content-type']).toContain('image/png');
  });

  it('checks a guest in by code or by subject (the door\'s fallback), one person of the party per entry', async () => {
    const list = await newList('owner', { admitUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const guest = (await addGuest('owner', list.id, { name: 'Ana Torres', plusOnes: 2 })).json() as { id: string; code: string };
    const first = await scan({ code: guest.code });
    expect(first).toMatchObject({
      decision: 'admit', entryType: 'first_entry', severity: 'ok', message: 'Guest list · Ana Torres +2 · 1 of 3',
      subject: { kind: 'guest', id: guest.id, holderName: 'Ana Torres', passNumber: null }, reservation: null,
      guest: { listName: expect.any(String), plusOnes: 2, partySize: 3, checkedIn: 1 },
    });
    expect(await scan({ subjectId: guest.id, manual: true })).toMatchObject({ decision: 'admit', message: 'Guest list · Ana Torres +2 · 2 of 3' });
    expect(await scan({ subjectId: guest.id, manual: true })).toMatchObject({ decision: 'admit', guest: { checkedIn: 3 } });
    expect(await scan({ code: guest.code })).toMatchObject({ decision: 'deny', reason: 'already_used', guest: { checkedIn: 3 } });
    expect((await call('owner', 'GET', `/v1/guests/${guest.id}`)).json()).toMatchObject({ checkedIn: 3, inside: 3, status: 'checked_in' });
  });

  it('finds guests at the door by a part of their name without accents or case, or by the end of their code', async () => {
    const list = await newList('promoter');
    const guest = (await addGuest('promoter', list.id, { name: 'Ximena Núñez-Ortiz', plusOnes: 1 })).json() as { id: string; code: string };
    const search = async (q: string) => ((await call('door', 'GET', `/v1/events/${EVENT}/door-search?q=${encodeURIComponent(q)}`)).json() as {
      items: { subjectId: string; kind: string; holderName: string; inside: boolean }[] }).items;
    expect(await search('ximena nunez')).toEqual([expect.objectContaining({ subjectId: guest.id, kind: 'guest', holderName: 'Ximena Núñez-Ortiz', inside: false })]);
    expect((await search(guest.code.slice(-6))).map((m) => m.subjectId)).toContain(guest.id);
    await scan({ subjectId: guest.id, manual: true });
    expect(await search('NUÑEZ-ORTIZ')).toEqual([expect.objectContaining({ subjectId: guest.id, inside: true })]);
  });

  it('refuses a guest after the list\'s admitUntil, naming the time', async () => {
    const list = await newList('owner', { admitUntil: new Date(Date.now() - 60_000).toISOString() });
    const guest = (await addGuest('owner', list.id, { name: 'Late Lola' })).json() as { code: string };
    const answer = await scan({ code: guest.code });
    expect(answer).toMatchObject({ decision: 'deny', reason: 'expired' });
    expect(answer.message).toMatch(/^Too late · Guest list until \d\d:\d\d · Late Lola$/);
  });

  it('refuses a guest past the capacity (409 list_full), counting plus-ones, and after closesAt (409 list_closed)', async () => {
    const list = await newList('manager', { capacity: 4 });
    expect((await addGuest('manager', list.id, { name: 'Leo', plusOnes: 2 })).statusCode).toBe(201);
    const full = await addGuest('manager', list.id, { name: 'Mia', plusOnes: 1 });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'list_full' });
    expect((await addGuest('manager', list.id, { name: 'Mia' })).statusCode).toBe(201);

    const closed = await newList('owner', { closesAt: new Date(Date.now() - 60_000).toISOString() });
    const late = await addGuest('owner', closed.id, { name: 'Late Larry' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'list_closed' });
    expect((await h.db.sql`select count(*)::int as n from guests where list_id = ${closed.id}`)[0]!.n).toBe(0);
  });

  it('caps a promoter across all their lists of the event (409 list_full), set by an owner or a manager', async () => {
    const token = await secondPromoter();
    const promoterId = ((await call(token, 'GET', '/v1/me')).json() as { staff: { id: string } }).staff.id;
    const cap = await call('manager', 'PUT', `/v1/events/${EVENT}/promoters/${promoterId}/cap`, { guestCap: 3 });
    expect(cap.statusCode, cap.body).toBe(200);
    const [a, b] = [await newList(token), await newList(token)];
    expect((await addGuest(token, a.id, { name: 'One', plusOnes: 1 })).statusCode).toBe(201);
    expect((await addGuest(token, b.id, { name: 'Two', plusOnes: 1 })).json()).toMatchObject({ code: 'list_full' });
    expect((await addGuest(token, b.id, { name: 'Two' })).statusCode).toBe(201);
    expect((await call('owner', 'PUT', `/v1/events/${EVENT}/promoters/${promoterId}/cap`, { guestCap: 2 })).json()).toMatchObject({ code: 'below_people' });
    expect((await call('owner', 'PUT', `/v1/events/${EVENT}/promoters/${VIP_TEST.eventId}/cap`, { guestCap: 2 })).statusCode).toBe(404);
  });

  it('reports near-duplicate names across the event\'s lists (accents, case, a letter off), never merging them', async () => {
    const first = await newList('owner');
    const second = await newList('promoter');
    const ana = (await addGuest('owner', first.id, { name: 'José Ñúñez' })).json() as { id: string };
    const again = (await addGuest('promoter', second.id, { name: 'jose nunes' })).json() as { id: string; possibleDuplicateOf: unknown[] };
    expect(again.possibleDuplicateOf).toEqual([{ guestId: ana.id, listId: first.id, listName: expect.any(String) }]);
    expect((await addGuest('promoter', second.id, { name: 'María Gómez' })).json()).toMatchObject({ possibleDuplicateOf: [] });
    expect((await call('owner', 'GET', `/v1/guests/${ana.id}`)).json()).toMatchObject({ possibleDuplicateOf: [{ guestId: again.id }] });
    expect((await h.db.sql`select count(*)::int as n from guests where id in (${ana.id}, ${again.id})`)[0]!.n).toBe(2);
  });

  it('shows a promoter only their own lists and guests; another promoter\'s are 404 to them', async () => {
    const mine = await newList('promoter');
    const guest = (await addGuest('promoter', mine.id, { name: 'Private Person' })).json() as { id: string };
    const other = await secondPromoter();
    const theirs = await newList(other);
    for (const url of [`/v1/guest-lists/${mine.id}`, `/v1/guest-lists/${mine.id}/guests`, `/v1/guests/${guest.id}`, `/v1/guests/${guest.id}/qr.svg`]) {
      expect((await call(other, 'GET', url)).statusCode, url).toBe(404);
    }
    expect((await addGuest(other, mine.id, { name: 'Sneaky' })).statusCode).toBe(404);
    expect((await call(other, 'PATCH', `/v1/guests/${guest.id}`, { plusOnes: 5 })).statusCode).toBe(404);
    expect((await call(other, 'POST', `/v1/guests/${guest.id}/cancel`)).statusCode).toBe(404);
    const listed = (await call(other, 'GET', `/v1/events/${EVENT}/guest-lists`)).json() as { items: { id: string }[] };
    expect(listed.items.map((l) => l.id)).toEqual([theirs.id]);
    expect((await call('owner', 'GET', `/v1/guests/${guest.id}`)).statusCode).toBe(200);
    expect((await call(other, 'POST', `/v1/events/${EVENT}/guest-lists`, { name: 'Not mine', promoterId: mine.promoterId })).statusCode).toBe(403);
    expect((await call('owner', 'POST', `/v1/events/${EVENT}/guest-lists`, { name: 'X', promoterId: guest.id })).json())
      .toMatchObject({ status: 400, errors: [{ field: '/promoterId' }] });
  });

  it('edits a list and a guest: capacity never below the people listed, plus-ones within the caps and above the party in, cancel frees places', async () => {
    const list = await newList('owner', { capacity: 3 });
    const guest = (await addGuest('owner', list.id, { name: 'Edit Me', plusOnes: 1 })).json() as { id: string; code: string };
    expect((await call('owner', 'PATCH', `/v1/guest-lists/${list.id}`, { capacity: 1 })).json()).toMatchObject({ code: 'below_people' });
    expect((await call('owner', 'PATCH', `/v1/guests/${guest.id}`, { plusOnes: 3 })).json()).toMatchObject({ code: 'list_full' });
    expect((await call('owner', 'PATCH', `/v1/guests/${guest.id}`, { plusOnes: 2, phone: '+52 55 1234' })).json()).toMatchObject({ plusOnes: 2, phone: '+52 55 1234' });
    await scan({ code: guest.code });
    await scan({ code: guest.code });
    expect((await call('owner', 'PATCH', `/v1/guests/${guest.id}`, { plusOnes: 0 })).json()).toMatchObject({ code: 'below_entries' });
    const cancelled = await call('owner', 'POST', `/v1/guests/${guest.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', checkedIn: 2 });
    expect((await call('owner', 'GET', `/v1/guest-lists/${list.id}`)).json()).toMatchObject({ people: 0, guests: 0, checkedIn: 2 });
    expect(await scan({ code: guest.code })).toMatchObject({ decision: 'deny', reason: 'cancelled' });
    expect((await call('owner', 'POST', `/v1/guests/${guest.id}/cancel`)).statusCode).toBe(200);
    expect((await call('owner', 'GET', `/v1/guest-lists/${list.id}`)).json()).toMatchObject({ people: 0 });
  });
});
