import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { admitted, upload } from './support.js';

interface Item { id: string; kind: string; scanIds: string[]; subjectId: string | null; scannerId: string | null; status: string; note: string | null; resolvedBy: { id: string; name: string | null } | null; resolvedAt: string | null; message: string }

/** The attention inbox: the fraud signals of live scans at their thresholds, resolving, roles and venues, hostile input. */
describe('attention inbox', () => {
  const h = useApp();

  async function night() {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const once = await ga.ticketType(eventId);
    const always = await ga.ticketType(eventId, { reentry: 'always' });
    const single = (await ga.tickets(eventId, once, 1)).tickets[0]!;
    const multi = (await ga.tickets(eventId, always, 1)).tickets[0]!;
    const devices = [await ga.device(eventId, 'A'), await ga.device(eventId, 'B'), await ga.device(eventId, 'C')];
    return { eventId, single, multi, tokens: devices.map((d) => d.token), deviceIds: devices.map((d) => d.device.id) };
  }
  const scan = async (token: string, code: string, direction: 'entry' | 'exit' = 'entry') =>
    (await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code, nonce: nonce(), direction } })).json() as { scanId: string; decision: string };
  const inbox = async (eventId: string, status = 'open', token = h.tokens.owner) => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/attention?status=${status}`, headers: h.auth(token) });
    return { status: res.statusCode, items: (res.json() as { items: Item[] }).items };
  };
  const ofKind = async (eventId: string, kind: string) => (await inbox(eventId)).items.filter((i) => i.kind === kind);

  it('code_on_many_devices: one code on two scanners within 60 s is one item; on one scanner it is none; a third scanner joins the item', async () => {
    const { eventId, multi, tokens: [a, b, c] } = await night();
    await scan(a!, multi.code);
    await scan(a!, multi.code, 'exit');
    await scan(a!, multi.code);
    expect(await ofKind(eventId, 'code_on_many_devices')).toEqual([]);
    const atB = await scan(b!, multi.code);
    const items = await ofKind(eventId, 'code_on_many_devices');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ subjectId: multi.id, message: expect.stringMatching(/^One code on 2 scanners within a minute/) });
    expect(items[0]!.scanIds).toContain(atB.scanId);
    await scan(c!, multi.code);
    const grown = await ofKind(eventId, 'code_on_many_devices');
    expect(grown).toHaveLength(1);
    expect(grown[0]!.message).toMatch(/^One code on 3 scanners/);
  });

  it('code_on_many_devices: not when the other scan is older than the window', async () => {
    const { eventId, single, tokens: [a, b] } = await night();
    const first = await scan(a!, single.code);
    await h.db.sql`update scan_log set recorded_at = recorded_at - interval '61 seconds' where id = ${first.scanId}`;
    await scan(b!, single.code);
    expect(await ofKind(eventId, 'code_on_many_devices')).toEqual([]);
  });

  it('unknown_code_burst: 9 unknown codes from one scanner are none, the 10th opens one item, more join it', async () => {
    const { eventId, tokens: [a, b] } = await night();
    for (let i = 0; i < 9; i++) await scan(a!, `NOPE-${i}`);
    await scan(b!, 'NOPE-B'); // another scanner's does not count towards A's
    expect(await ofKind(eventId, 'unknown_code_burst')).toEqual([]);
    await scan(a!, 'NOPE-9');
    expect(await ofKind(eventId, 'unknown_code_burst')).toHaveLength(1);
    for (let i = 10; i < 15; i++) await scan(a!, `NOPE-${i}`);
    const items = await ofKind(eventId, 'unknown_code_burst');
    expect(items).toHaveLength(1);
    expect(items[0]!.scanIds).toHaveLength(15);
    expect(items[0]!.message).toMatch(/^15 unknown or forged codes in a row · Door A/);
  });

  it('reentry_burst: two re-entries without an exit are none, the third is one item; an exit in between starts over', async () => {
    const { eventId, multi, tokens: [a] } = await night();
    await scan(a!, multi.code);            // first entry
    await scan(a!, multi.code);            // re-entry 1
    await scan(a!, multi.code, 'exit');
    await scan(a!, multi.code);            // re-entry after an exit: starts over
    await scan(a!, multi.code);
    expect(await ofKind(eventId, 'reentry_burst')).toEqual([]);
    await scan(a!, multi.code);            // the third without an exit
    const items = await ofKind(eventId, 'reentry_burst');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ subjectId: multi.id });
    expect(items[0]!.scanIds).toHaveLength(3);
  });

  it('offline uploads raise the signals by scan time: one code on two phones 30 s apart is one item in either upload order; 10 minutes apart is none', async () => {
    for (const order of ['earlier first', 'later first'] as const) {
      const { eventId, multi, tokens: [a, b] } = await night();
      const early = admitted(multi.code, 600);
      const late = admitted(multi.code, 570);
      const uploads = order === 'earlier first' ? [[a!, early], [b!, late]] as const : [[b!, late], [a!, early]] as const;
      const ids = [];
      for (const [token, scan] of uploads) ids.push((await upload(h, token, [scan])).body.answers[0]!.scanId);
      const items = await ofKind(eventId, 'code_on_many_devices');
      expect(items, order).toHaveLength(1);
      expect(items[0]).toMatchObject({ subjectId: multi.id });
      expect(new Set(items[0]!.scanIds)).toEqual(new Set(ids));
    }
    const { eventId, multi, tokens: [a, b] } = await night();
    await upload(h, a!, [admitted(multi.code, 900)]);
    await upload(h, b!, [admitted(multi.code, 300)]);
    expect(await ofKind(eventId, 'code_on_many_devices')).toEqual([]);
  });

  it('a single-entry code admitted offline on two phones within the window is one double_admit item, not also code_on_many_devices; a third phone is', async () => {
    const { eventId, single, tokens: [a, b, c] } = await night();
    await upload(h, a!, [admitted(single.code, 100)]);
    await upload(h, b!, [admitted(single.code, 80)]);
    expect((await inbox(eventId)).items.map((i) => i.kind)).toEqual(['double_admit']);
    // A third phone's denial is not part of the double admission: the code is on three scanners.
    const denied = (await upload(h, c!, [admitted(single.code, 70, { localDecision: 'deny' })])).body.answers[0]!;
    const many = await ofKind(eventId, 'code_on_many_devices');
    expect(many).toHaveLength(1);
    expect(many[0]!.scanIds).toContain(denied.scanId);
    expect(await ofKind(eventId, 'double_admit')).toHaveLength(1);
  });

  it('a live scan is not put beside an offline scan uploaded just now that happened long ago', async () => {
    const { eventId, multi, tokens: [a, b] } = await night();
    await upload(h, a!, [admitted(multi.code, 600)]);
    await scan(b!, multi.code);
    expect(await ofKind(eventId, 'code_on_many_devices')).toEqual([]);
  });

  it('offline uploads: 10 unknown codes from one phone within a minute by scan time are one item; spread over ten minutes, none', async () => {
    const { eventId, tokens: [a, b] } = await night();
    await upload(h, a!, Array.from({ length: 10 }, (_, i) => admitted(`GONE-${i}`, 900 - i * 60, { localDecision: 'deny' })));
    expect(await ofKind(eventId, 'unknown_code_burst')).toEqual([]);
    await upload(h, b!, Array.from({ length: 10 }, (_, i) => admitted(`GONE-B-${i}`, 300 - i, { localDecision: 'deny' })));
    const items = await ofKind(eventId, 'unknown_code_burst');
    expect(items).toHaveLength(1);
    expect(items[0]!.scanIds).toHaveLength(10);
  });

  it('offline uploads: three re-entries without an exit within 10 minutes by scan time are a reentry_burst; the same spread over an hour is none', async () => {
    const { eventId, multi, tokens: [a] } = await night();
    await upload(h, a!, [admitted(multi.code, 3600), admitted(multi.code, 2400), admitted(multi.code, 1200)]);
    expect(await ofKind(eventId, 'reentry_burst')).toEqual([]);
    await upload(h, a!, [admitted(multi.code, 900), admitted(multi.code, 700)]);
    const items = await ofKind(eventId, 'reentry_burst');
    expect(items).toHaveLength(1);
    expect(items[0]!.scanIds).toHaveLength(3);
  });

  it('thresholds are the venue\'s: the owner sets them; a manager may not; out of range is a 400 naming the field', async () => {
    const { eventId, tokens: [a] } = await night();
    const set = await h.app.inject({ method: 'PATCH', url: '/v1/venue/attention-thresholds', headers: h.auth(h.tokens.owner), payload: { unknownBurstCount: 3 } });
    expect(set.json()).toEqual({ manyDevicesSeconds: 60, unknownBurstCount: 3, unknownBurstSeconds: 60, reentryBurstCount: 3, reentryBurstMinutes: 10 });
    for (let i = 0; i < 2; i++) await scan(a!, `LOW-${i}`);
    expect(await ofKind(eventId, 'unknown_code_burst')).toEqual([]);
    await scan(a!, 'LOW-2');
    expect(await ofKind(eventId, 'unknown_code_burst')).toHaveLength(1);
    const manager = await h.app.inject({ method: 'PATCH', url: '/v1/venue/attention-thresholds', headers: h.auth(h.tokens.manager), payload: { unknownBurstCount: 5 } });
    expect(manager.statusCode).toBe(403);
    const bad = await h.app.inject({ method: 'PATCH', url: '/v1/venue/attention-thresholds', headers: h.auth(h.tokens.owner), payload: { reentryBurstCount: 1e12 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('reentryBurstCount');
    await h.app.inject({ method: 'PATCH', url: '/v1/venue/attention-thresholds', headers: h.auth(h.tokens.owner), payload: { unknownBurstCount: 10 } });
  });

  it('resolve: with a note, who and when; again changes nothing; the item moves to resolved', async () => {
    const { eventId, single, tokens: [a, b] } = await night();
    await upload(h, a!, [admitted(single.code, 100)]);
    await upload(h, b!, [admitted(single.code, 50)]);
    const [item] = await ofKind(eventId, 'double_admit');
    const res = await h.app.inject({ method: 'POST', url: `/v1/attention/${item!.id}/resolve`, headers: h.auth(h.tokens.manager), payload: { note: 'Second guest had a screenshot; asked to leave' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: item!.id, status: 'resolved', note: 'Second guest had a screenshot; asked to leave', resolvedBy: { name: 'manager' } });
    const again = await h.app.inject({ method: 'POST', url: `/v1/attention/${item!.id}/resolve`, headers: h.auth(h.tokens.owner), payload: { note: 'other' } });
    expect(again.json()).toMatchObject({ note: 'Second guest had a screenshot; asked to leave', resolvedBy: { name: 'manager' }, resolvedAt: res.json().resolvedAt });
    expect((await inbox(eventId)).items.map((i) => i.id)).not.toContain(item!.id);
    expect((await inbox(eventId, 'resolved')).items.map((i) => i.id)).toContain(item!.id);
  });

  it('roles and venues: door, promoter and devices get 403; another venue\'s item and event are 404', async () => {
    const { eventId } = await night();
    for (const role of ['door', 'promoter', 'device'] as const) expect((await inbox(eventId, 'open', h.tokens[role])).status).toBe(403);
    const [foreignVenue] = await h.db.sql<{ id: string }[]>`insert into venues (name) values ('Elsewhere') returning id`;
    const [foreignEvent] = await h.db.sql<{ id: string }[]>`
      insert into events (venue_id, name, starts_at, ends_at) values (${foreignVenue!.id}, 'Theirs', now(), now() + interval '1 hour') returning id`;
    const [foreignItem] = await h.db.sql<{ id: string }[]>`
      insert into attention_items (venue_id, event_id, kind) values (${foreignVenue!.id}, ${foreignEvent!.id}, 'clock_skew') returning id`;
    const resolve = await h.app.inject({ method: 'POST', url: `/v1/attention/${foreignItem!.id}/resolve`, headers: h.auth(h.tokens.owner), payload: { note: 'x' } });
    expect(resolve.statusCode).toBe(404);
    expect((await inbox(foreignEvent!.id)).status).toBe(404);
    const [untouched] = await h.db.sql`select resolved_at from attention_items where id = ${foreignItem!.id}`;
    expect(untouched!.resolved_at).toBeNull();
  });

  it('hostile input: NUL and lone surrogates in a note, a non-uuid id, an unknown status, 501 scans, leap seconds and extreme dates in scannedAt', async () => {
    const { eventId, single, tokens: [a] } = await night();
    const [item] = await h.db.sql<{ id: string }[]>`insert into attention_items (venue_id, event_id, kind) values (${VIP_TEST.venueId}, ${eventId}, 'clock_skew') returning id`;
    for (const note of ['a\u0000b', '\uD800', 'x\uDFFFy', 'n'.repeat(1001)]) {
      const res = await h.app.inject({ method: 'POST', url: `/v1/attention/${item!.id}/resolve`, headers: h.auth(h.tokens.owner), payload: { note } });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('note');
    }
    expect((await h.app.inject({ method: 'POST', url: '/v1/attention/not-a-uuid/resolve', headers: h.auth(h.tokens.owner), payload: { note: 'x' } })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/attention?status=maybe`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(400);
    for (const scannedAt of ['2026-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '10000-01-01T00:00:00Z', '1e308']) {
      const res = await upload(h, a!, [{ ...admitted(single.code, 1), scannedAt }]);
      expect(res.status, scannedAt).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('/scans/0/scannedAt');
    }
    for (const bad of [{ nonce: 'a\u0000b' }, { code: '\uD800' }, { gate: 'G\u0000' }]) {
      const res = await upload(h, a!, [admitted(single.code, 1), { ...admitted(single.code, 1), ...bad }]);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(`/scans/1/${Object.keys(bad)[0]}`);
    }
    const extreme = await upload(h, a!, [{ ...admitted(single.code, 1), scannedAt: '0001-01-01T00:00:00Z' }, { ...admitted(single.code, 1), scannedAt: '9999-12-31T23:59:59Z', localDecision: 'deny' }]);
    expect(extreme.status).toBe(200);
    expect(extreme.body.answers.every((x) => new Date(x.scannedAt!).getTime() <= Date.now())).toBe(true);
    expect((await upload(h, a!, Array.from({ length: 501 }, () => admitted(single.code, 1)))).status).toBe(413);
    const [log] = await h.db.sql<{ rows: number }[]>`select count(*)::int as rows from scan_log where event_id = ${eventId}`;
    expect(log!.rows).toBe(2);
  });
});
