import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { hostileBody, hostileCursor, hostileNumber, hostileText, hostileTimestamp } from '../support/hostile.js';

const h = useApp();

/**
 * The slow tier (MAGUEY_SLOW_TESTS=1, set by `npm test`) sends ≥ 10,000
 * hostile requests across every route; the fast tier a few hundred.
 */
const SLOW = process.env.MAGUEY_SLOW_TESTS === '1';
const runs = (fast: number, slow: number) => (SLOW ? slow : fast);
const SLOW_TIMEOUT = 1_800_000;

/**
 * A fingerprint of every row a request could change. Left out on purpose:
 * log-in counts (a refused log-in is still an attempt), sessions (a log-in
 * opens one) and a device's last_seen_at (any authenticated call).
 */
async function fingerprint(): Promise<string> {
  const [row] = await h.db.sql<{ f: string }[]>`
    select md5(concat_ws('|',
      (select string_agg(e::text, ',' order by e.id) from events e),
      (select string_agg(t::text, ',' order by t.id) from vip_tables t),
      (select string_agg(r::text, ',' order by r.id) from vip_reservations r),
      (select string_agg(p::text, ',' order by p.id) from guest_passes p),
      (select string_agg(c::text, ',' order by c.event_id, c.scanner_id, c.gate) from scan_counters c),
      (select string_agg(tt::text, ',' order by tt.id) from ticket_types tt),
      (select string_agg(o::text, ',' order by o.id) from orders o),
      (select string_agg(tk::text, ',' order by tk.id) from tickets tk),
      (select string_agg(concat_ws(':', s.id, s.email, s.role, s.disabled_at), ',' order by s.id) from staff s),
      (select string_agg(concat_ws(':', d.id, d.name, d.gate, d.revoked_at), ',' order by d.id) from devices d),
      (select string_agg(l::text, ',' order by l.id) from guest_lists l),
      (select string_agg(g::text, ',' order by g.id) from guests g),
      (select string_agg(c::text, ',' order by c.promoter_id) from promoter_caps c),
      (select count(*) from scan_log))) as f`;
  return row!.f;
}
const logRows = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from scan_log`)[0]!.n;

/** encodeURIComponent throws on a lone surrogate; a client would send its UTF-8 bytes (or garbage) anyway. */
const q = (value: unknown) => {
  const text = String(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};

type Actor = 'owner' | 'manager' | 'promoter' | 'door' | 'device' | 'none';
interface Call { method: 'GET' | 'POST'; url: string; payload?: unknown; actor: Actor }

const actor = fc.constantFrom<Actor>('owner', 'manager', 'promoter', 'door', 'device', 'none');
const id = fc.oneof(fc.uuid(), fc.constant(VIP_TEST.reservationId), fc.constant(VIP_TEST.eventId), hostileText(40).map(q));
const code = fc.oneof(hostileText(600), fc.constantFrom(...VIP_TEST.passCodes), fc.base64String({ maxLength: 130 }).map((s) => `M1${s}`));
let tableIds: string[] = [];
let typeIds: string[] = [];
let listIds: string[] = [];
const listId = fc.oneof(id, fc.nat().map((i) => listIds[i % Math.max(listIds.length, 1)] ?? ''));

const scan = fc.record({
  body: hostileBody({
    code, subjectId: id, nonce: hostileText(80), direction: fc.oneof(fc.constantFrom('entry', 'exit'), hostileText(10)),
    scannedAt: hostileTimestamp, gate: fc.oneof(hostileText(50), hostileNumber), manual: fc.oneof(fc.boolean(), hostileNumber),
  }),
  actor,
}).map(({ body, actor }): Call => ({ method: 'POST', url: '/v1/scans', payload: body, actor }));

/** Every other route, with hostile bodies, params, queries and cursors. */
const otherCalls: fc.Arbitrary<Call>[] = [
  fc.record({ body: hostileBody({ email: hostileText(400), password: hostileText(250) }) })
    .map(({ body }) => ({ method: 'POST', url: '/v1/auth/login', payload: body, actor: 'none' })),
  fc.record({ since: fc.option(hostileTimestamp), cursor: fc.option(hostileCursor), limit: fc.option(hostileNumber), deviceId: fc.option(id), actor })
    .map(({ actor, ...query }) => ({ method: 'GET', url: `/v1/scans?${Object.entries(query).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${q(v)}`).join('&')}`, actor })),
  fc.record({ cursor: fc.option(hostileCursor), actor }).map(({ cursor, actor }) => ({ method: 'GET', url: `/v1/events${cursor === null ? '' : `?cursor=${q(cursor)}`}`, actor })),
  fc.record({ cursor: hostileCursor, status: fc.option(hostileText(20)), actor })
    .map(({ cursor, status, actor }) => ({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/reservations?cursor=${q(cursor)}${status === null ? '' : `&status=${q(status)}`}`, actor })),
  fc.record({ body: hostileBody({ name: hostileText(250), startsAt: hostileTimestamp, endsAt: hostileTimestamp, doorsOpenAt: hostileTimestamp, capacity: hostileNumber }), actor })
    .map(({ body, actor }) => ({ method: 'POST', url: '/v1/events', payload: body, actor })),
  fc.record({ body: hostileBody({ number: hostileText(30), tier: hostileText(50), capacity: hostileNumber, minSpendCents: hostileNumber, x: hostileNumber, y: hostileNumber }), actor })
    .map(({ body, actor }) => ({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, payload: body, actor })),
  fc.record({
    body: hostileBody({
      tableId: fc.oneof(fc.uuid(), fc.nat().map((i) => tableIds[i % Math.max(tableIds.length, 1)] ?? '')),
      hostName: hostileText(250), hostEmail: hostileText(330), hostPhone: hostileText(50), guestCount: hostileNumber, depositCents: hostileNumber,
    }),
    actor,
  }).map(({ body, actor }) => ({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/reservations`, payload: body, actor })),
  fc.record({
    body: hostileBody({
      name: hostileText(120), priceCents: hostileNumber, feeCents: hostileNumber, inventory: hostileNumber,
      reentry: fc.oneof(fc.constantFrom('never', 'after_exit', 'always'), hostileText(20)), validFrom: hostileTimestamp, validUntil: hostileTimestamp,
    }),
    actor,
  }).map(({ body, actor }) => ({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/ticket-types`, payload: body, actor })),
  fc.record({
    body: hostileBody({
      buyerName: hostileText(250), buyerEmail: hostileText(330), paid: fc.oneof(fc.boolean(), hostileNumber),
      lines: fc.oneof(
        fc.array(fc.record({ ticketTypeId: fc.oneof(fc.uuid(), fc.nat().map((i) => typeIds[i % Math.max(typeIds.length, 1)] ?? '')), quantity: hostileNumber }), { maxLength: 25 }),
        fc.jsonValue(),
      ),
    }),
    actor,
  }).map(({ body, actor }) => ({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/orders`, payload: body, actor })),
  fc.record({ body: hostileBody({ email: hostileText(330), name: hostileText(250), role: fc.oneof(fc.constantFrom('door', 'owner'), hostileText(10)), password: hostileText(250) }), actor })
    .map(({ body, actor }) => ({ method: 'POST', url: '/v1/staff', payload: body, actor })),
  fc.record({ body: hostileBody({ name: hostileText(120), gate: hostileText(50), eventId: id }), actor })
    .map(({ body, actor }) => ({ method: 'POST', url: '/v1/devices', payload: body, actor })),
  fc.record({ body: hostileBody({ text: hostileText(600) }), actor }).map(({ body, actor }) => ({ method: 'POST', url: '/v1/qr.svg', payload: body, actor })),
  fc.record({ q: hostileText(120), actor }).map(({ q: text, actor }) => ({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/door-search?q=${q(text)}`, actor })),
  fc.record({ cursor: fc.oneof(hostileCursor, hostileNumber.map(String)), actor })
    .map(({ cursor, actor }) => ({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/door-data?cursor=${q(cursor)}`, actor })),
  fc.record({ body: hostileBody({ name: hostileText(60) }), actor }).map(({ body, actor }) => ({ method: 'POST', url: '/v1/gates', payload: body, actor })),
  fc.record({ body: hostileBody({ name: hostileText(250), capacity: hostileNumber, closesAt: hostileTimestamp, admitUntil: hostileTimestamp, promoterId: id }), actor })
    .map(({ body, actor }) => ({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/guest-lists`, payload: body, actor })),
  fc.record({ list: listId, body: hostileBody({ name: hostileText(250), plusOnes: hostileNumber, email: hostileText(330), phone: hostileText(50) }), actor })
    .map(({ list, body, actor }) => ({ method: 'POST', url: `/v1/guest-lists/${list}/guests`, payload: body, actor })),
  fc.record({ venue: id, token: hostileText(80), format: fc.constantFrom('svg', 'png') })
    .map(({ venue, token, format }) => ({ method: 'GET', url: `/v1/public/guests/${venue}/${q(token)}/qr.${format}`, actor: 'none' })),
  fc.record({ id, path: fc.constantFrom('tickets', 'orders', 'passes', 'reservations', 'staff', 'devices', 'guests', 'guest-lists'), actor })
    .map(({ id, path, actor }) => ({ method: 'GET', url: `/v1/${path}/${id}`, actor })),
  fc.record({ id, action: fc.constantFrom('reservations/{}/confirm', 'reservations/{}/cancel', 'orders/{}/pay', 'tickets/{}/link', 'staff/{}/disable', 'scans/{}/annul', 'events/{}/keys/rotate'), body: fc.option(hostileBody({ reservationId: id })), actor })
    .map(({ id, action, body, actor }) => ({ method: 'POST', url: `/v1/${action.replace('{}', id)}`, ...(body === null ? {} : { payload: body }), actor })),
];

async function send(call: Call) {
  const headers = call.actor === 'none' ? {} : h.auth(h.tokens[call.actor]);
  return h.app.inject({ method: call.method, url: call.url, headers, ...(call.payload === undefined ? {} : { payload: call.payload as object }) });
}

/** The property: never a 5xx; a 4xx changes nothing; a scan answered 200 adds exactly one log row (none when replayed). */
async function holds(call: Call) {
  const before = await fingerprint();
  const rows = await logRows();
  const res = await send(call);
  expect(res.statusCode, `${call.method} ${call.url} → ${res.body}`).toBeLessThan(500);
  if (res.statusCode >= 400) expect(await fingerprint(), `${call.method} ${call.url} ${res.statusCode}`).toBe(before);
  if (call.url === '/v1/scans' && res.statusCode === 200) {
    expect(await logRows()).toBe(rows + ((res.json() as { replayed: boolean }).replayed ? 0 : 1));
  }
  expect(res.body).not.toMatch(/Failing row contains|Key \(/);
}

beforeAll(async () => {
  tableIds = (await h.db.sql<{ id: string }[]>`select id from vip_tables where event_id = ${VIP_TEST.eventId}`).map((r) => r.id);
  typeIds = (await h.db.sql<{ id: string }[]>`select id from ticket_types where event_id = ${VIP_TEST.eventId}`).map((r) => r.id);
  const list = await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/guest-lists`, headers: h.auth(h.tokens.owner), payload: { name: 'Fuzz list', capacity: 5 } });
  listIds = [(list.json() as { id: string }).id];
});

describe(`hostile requests (${SLOW ? 'slow tier' : 'fast tier; MAGUEY_SLOW_TESTS=1 for ≥ 10,000'})`, () => {
  it('at POST /v1/scans: never a 5xx; a 4xx changes nothing; a 200 adds exactly one log row', async () => {
    await fc.assert(fc.asyncProperty(scan, holds), { numRuns: runs(400, 4_000) });
  }, SLOW_TIMEOUT);

  it('at every other route: never a 5xx, a 4xx changes nothing, no stored row in a problem', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(...otherCalls), holds), { numRuns: runs(500, 6_500) });
  }, SLOW_TIMEOUT);
});
