import { beforeAll, describe, expect, it } from 'vitest';
import { createEventKey } from '../../src/db/keys.js';
import { createDevice } from '../../src/db/devices.js';
import { createStaff } from '../../src/db/staff.js';
import { createReservation, transitionReservation } from '../../src/db/reservations.js';
import { createEvent, createTable, listTables } from '../../src/db/events.js';
import { createGuestList } from '../../src/db/guest-lists.js';
import { addGuest } from '../../src/db/guests.js';
import { placeOrder, listTicketTypes } from '../../src/db/orders.js';
import { SecretBox } from '../../src/domain/secret-box.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce, TEST_SECRET, testIssuer } from '../support/fixtures.js';

const h = useApp();
const EVENT = VIP_TEST.eventId;
type Actor = 'owner' | 'manager' | 'promoter' | 'door' | 'device';
const ACTORS: Actor[] = ['owner', 'manager', 'promoter', 'door', 'device'];
const STAFF: Actor[] = ['owner', 'manager', 'promoter', 'door'];

interface Call { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> }
interface RouteCase {
  route: string; allowed: Actor[]; call: (actor: Actor) => Promise<Call>;
  /** What an allowed actor gets when the fixture cannot reach a success cheaply (past the role check, refused by state): the problem's code. */
  servedAs?: string;
}

/** The staff id of the demo promoter: a promoter reaches only what they booked or sold (test/http/roles.test.ts). */
const promoterId = async () => (await h.db.sql<{ id: string }[]>`select id from staff where email = 'promoter@maguey.local'`)[0]!.id;
/** Who books or sells a fresh thing for `actor`: the promoter themselves, else nobody in particular. */
const creatorFor = async (actor: Actor) => (actor === 'promoter' ? promoterId() : null);

/** Fresh things for calls that change state, so one actor's call does not spoil the next. */
const fresh = {
  /** A table of its own: a table has one live booking. */
  async table(depositCents = 0) {
    return createTable(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT, number: `A${nonce().slice(-8)}`, capacity: 6, depositCents });
  },
  async reservation(status: 'pending' | 'confirmed' | 'checked_in' = 'pending', createdBy: string | null = null) {
    const table = await fresh.table();
    const r = await createReservation(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT, tableId: table.id, hostName: 'Access Test', guestCount: 2, createdBy });
    if (status === 'pending') return r.id;
    const confirmed = await transitionReservation(h.db.sql, VIP_TEST.venueId, r.id, 'confirmed', testIssuer);
    if (status === 'checked_in') await h.db.sql`update vip_reservations set status = 'checked_in' where id = ${r.id}`;
    return confirmed.id;
  },
  async pass(createdBy: string | null = null) {
    const id = await fresh.reservation('confirmed', createdBy);
    return (await h.db.sql<{ id: string }[]>`select id from guest_passes where reservation_id = ${id} limit 1`)[0]!.id;
  },
  /** An event of its own: closing one stops its sales, which the other cases need. */
  async event() {
    return (await createEvent(h.db.sql, { venueId: VIP_TEST.venueId, name: 'Closing', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) })).id;
  },
  async staff() {
    return (await createStaff(h.db.sql, { venueId: VIP_TEST.venueId, email: `m${nonce()}@x.io`, name: 'M', role: 'door', password: 'long-enough-pw' })).id;
  },
  async device() {
    return (await createDevice(h.db.sql, { venueId: VIP_TEST.venueId, name: 'Spare', gate: 'Z' })).device.id;
  },
  async order(paid = false, createdBy: string | null = null) {
    const [type] = await listTicketTypes(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT });
    return placeOrder(h.db.sql, testIssuer, { venueId: VIP_TEST.venueId, eventId: EVENT, buyerName: 'B', buyerEmail: 'b@example.com', lines: [{ ticketTypeId: type!.id, quantity: 1 }], paid, createdBy });
  },
  async attentionItem() {
    const [item] = await h.db.sql<{ id: string }[]>`
      insert into attention_items (venue_id, event_id, kind) values (${VIP_TEST.venueId}, ${EVENT}, 'clock_skew') returning id`;
    return item!.id;
  },
  async kid() {
    return Number((await createEventKey(h.db.sql, new SecretBox(TEST_SECRET), { venueId: VIP_TEST.venueId, eventId: EVENT })).kid);
  },
  /** A guest list of the promoter's when `actor` is the promoter (a promoter reaches only their own). */
  async guestList(actor: Actor) {
    return (await createGuestList(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT, name: 'Access list', promoterId: await creatorFor(actor), createdBy: null })).id;
  },
  async guest(actor: Actor) {
    return addGuest(h.db.sql, testIssuer, VIP_TEST.venueId, await fresh.guestList(actor), { name: 'Access Guest', plusOnes: 1, createdBy: null });
  },
  /** A scan made by this actor, so that the actor may annul it. */
  async scanBy(actor: Actor) {
    const code = (await h.db.sql<{ code: string }[]>`select code from guest_passes where id = ${await fresh.pass()}`)[0]!.code;
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens[actor]), payload: { code, nonce: nonce() } });
    return (res.json() as { scanId: string }).scanId;
  },
};

const ticketTypeBody = { name: 'T', priceCents: 100 };
const CASES: RouteCase[] = [
  { route: 'GET /v1/me', allowed: ACTORS, call: async () => ({ method: 'GET', url: '/v1/me' }) },
  { route: 'POST /v1/staff', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: '/v1/staff', payload: { email: `s${nonce()}@x.io`, name: 'S', role: 'door', password: 'long-enough-pw' } }) },
  { route: 'GET /v1/staff', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: '/v1/staff' }) },
  { route: 'POST /v1/staff/{id}/disable', allowed: ['owner'], call: async () => ({ method: 'POST', url: `/v1/staff/${await fresh.staff()}/disable` }) },
  { route: 'POST /v1/devices', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: '/v1/devices', payload: { name: 'D', gate: 'A' } }) },
  { route: 'GET /v1/devices', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: '/v1/devices' }) },
  { route: 'POST /v1/qr.svg', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: '/v1/qr.svg', payload: { text: 'http://localhost:3000/scan/#enroll=x' } }) },
  { route: 'POST /v1/devices/{id}/revoke', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/devices/${await fresh.device()}/revoke` }) },
  { route: 'POST /v1/events', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: '/v1/events', payload: { name: 'E', startsAt: '2026-12-01T22:00:00Z', endsAt: '2026-12-02T04:00:00Z' } }) },
  { route: 'GET /v1/events', allowed: STAFF, call: async () => ({ method: 'GET', url: '/v1/events' }) },
  { route: 'GET /v1/events/{eventId}', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}` }) },
  { route: 'POST /v1/events/{eventId}/tables', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/tables`, payload: { number: `T${nonce().slice(-6)}`, capacity: 6 } }) },
  { route: 'POST /v1/events/{eventId}/doors/open', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/doors/open` }) },
  { route: 'GET /v1/gates', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'GET', url: '/v1/gates' }) },
  { route: 'POST /v1/gates', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: '/v1/gates', payload: { name: 'Side door' } }) },
  { route: 'GET /v1/events/{eventId}/door-data', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/door-data` }) },
  { route: 'GET /v1/events/{eventId}/door-search', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/door-search?q=guest` }) },
  { route: 'GET /v1/events/{eventId}/tables', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/tables` }) },
  {
    route: 'POST /v1/events/{eventId}/reservations', allowed: ['owner', 'manager', 'promoter'], call: async () => {
      const table = await fresh.table();
      return { method: 'POST', url: `/v1/events/${EVENT}/reservations`, payload: { tableId: table.id, hostName: 'H', guestCount: 2 } };
    },
  },
  { route: 'GET /v1/events/{eventId}/reservations', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/reservations` }) },
  { route: 'GET /v1/reservations/{id}', allowed: STAFF, call: async (a) => ({ method: 'GET', url: `/v1/reservations/${await fresh.reservation('pending', await creatorFor(a))}` }) },
  { route: 'POST /v1/reservations/{id}/confirm', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('pending', await creatorFor(a))}/confirm` }) },
  { route: 'POST /v1/reservations/{id}/send-passes', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('confirmed', await creatorFor(a))}/send-passes`, payload: { to: 'host@example.com' } }) },
  { route: 'POST /v1/reservations/{id}/cancel', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('pending', await creatorFor(a))}/cancel` }) },
  { route: 'POST /v1/reservations/{id}/complete', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('checked_in')}/complete` }) },
  { route: 'POST /v1/reservations/{id}/no-show', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('confirmed')}/no-show` }) },
  { route: 'POST /v1/reservations/{id}/reset', allowed: ['owner'], call: async () => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('confirmed')}/reset` }) },
  { route: 'GET /v1/passes/{id}/qr.svg', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/passes/${await fresh.pass(await creatorFor(a))}/qr.svg` }) },
  { route: 'GET /v1/passes/{id}/qr.png', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/passes/${await fresh.pass(await creatorFor(a))}/qr.png` }) },
  { route: 'POST /v1/events/{eventId}/guest-lists', allowed: ['owner', 'manager', 'promoter'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/guest-lists`, payload: { name: 'L', capacity: 10 } }) },
  { route: 'GET /v1/events/{eventId}/guest-lists', allowed: ['owner', 'manager', 'promoter'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/guest-lists` }) },
  { route: 'GET /v1/guest-lists/{id}', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/guest-lists/${await fresh.guestList(a)}` }) },
  { route: 'PATCH /v1/guest-lists/{id}', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'PATCH', url: `/v1/guest-lists/${await fresh.guestList(a)}`, payload: { capacity: 20 } }) },
  { route: 'PUT /v1/events/{eventId}/promoters/{promoterId}/cap', allowed: ['owner', 'manager'], call: async () => ({ method: 'PUT', url: `/v1/events/${EVENT}/promoters/${await promoterId()}/cap`, payload: { guestCap: null } }) },
  { route: 'POST /v1/guest-lists/{id}/guests', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'POST', url: `/v1/guest-lists/${await fresh.guestList(a)}/guests`, payload: { name: 'G', plusOnes: 1 } }) },
  { route: 'GET /v1/guest-lists/{id}/guests', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/guest-lists/${await fresh.guestList(a)}/guests` }) },
  { route: 'GET /v1/guests/{id}', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/guests/${(await fresh.guest(a)).id}` }) },
  { route: 'PATCH /v1/guests/{id}', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'PATCH', url: `/v1/guests/${(await fresh.guest(a)).id}`, payload: { plusOnes: 2 } }) },
  { route: 'POST /v1/guests/{id}/cancel', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'POST', url: `/v1/guests/${(await fresh.guest(a)).id}/cancel` }) },
  { route: 'GET /v1/guests/{id}/qr.svg', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/guests/${(await fresh.guest(a)).id}/qr.svg` }) },
  { route: 'GET /v1/guests/{id}/qr.png', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/guests/${(await fresh.guest(a)).id}/qr.png` }) },
  { route: 'GET /v1/events/{eventId}/promoters', allowed: ['owner', 'manager', 'promoter'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/promoters` }) },
  { route: 'PUT /v1/events/{eventId}/commission', allowed: ['owner', 'manager'], call: async () => ({ method: 'PUT', url: `/v1/events/${EVENT}/commission`, payload: { rule: 'per_head', perHeadCents: 500 } }) },
  { route: 'POST /v1/passes/{id}/reissue', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/passes/${await fresh.pass()}/reissue` }) },
  { route: 'POST /v1/scans/batch', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'POST', url: '/v1/scans/batch', payload: { scans: [{ code: VIP_TEST.passCodes[7], nonce: nonce(), scannedAt: new Date().toISOString(), offline: true }] } }) },
  { route: 'GET /v1/events/{eventId}/attention', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/attention?status=open` }) },
  { route: 'PATCH /v1/venue/attention-thresholds', allowed: ['owner'], call: async () => ({ method: 'PATCH', url: '/v1/venue/attention-thresholds', payload: { unknownBurstCount: 10 } }) },
  { route: 'POST /v1/attention/{id}/resolve', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/attention/${await fresh.attentionItem()}/resolve`, payload: { note: 'seen' } }) },
  { route: 'POST /v1/scans', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'POST', url: '/v1/scans', payload: { code: VIP_TEST.passCodes[7], nonce: nonce() } }) },
  { route: 'GET /v1/scans', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'GET', url: '/v1/scans' }) },
  {
    route: 'POST /v1/scans/{scanId}/annul', allowed: ['owner', 'manager', 'door', 'device'],
    call: async (actor) => ({ method: 'POST', url: `/v1/scans/${await fresh.scanBy(['owner', 'manager', 'door', 'device'].includes(actor) ? actor : 'owner')}/annul` }),
  },
  { route: 'GET /v1/events/{eventId}/stats', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/stats` }) },
  { route: 'GET /v1/events/{eventId}/occupancy', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/occupancy` }) },
  { route: 'POST /v1/events/{eventId}/ticket-types', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/ticket-types`, payload: ticketTypeBody }) },
  { route: 'GET /v1/events/{eventId}/ticket-types', allowed: STAFF, call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/ticket-types` }) },
  {
    route: 'POST /v1/events/{eventId}/orders', allowed: ['owner', 'manager', 'promoter'], call: async () => {
      const [type] = await listTicketTypes(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT });
      return { method: 'POST', url: `/v1/events/${EVENT}/orders`, payload: { buyerName: 'B', buyerEmail: 'b@example.com', lines: [{ ticketTypeId: type!.id, quantity: 1 }] } };
    },
  },
  { route: 'GET /v1/orders/{id}', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/orders/${(await fresh.order()).id}` }) },
  { route: 'POST /v1/orders/{id}/pay', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/orders/${(await fresh.order()).id}/pay` }) },
  { route: 'POST /v1/orders/{id}/cancel', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/orders/${(await fresh.order()).id}/cancel` }) },
  {
    route: 'POST /v1/orders/{id}/refund', allowed: ['owner', 'manager'],
    call: async () => ({ method: 'POST', url: `/v1/orders/${(await fresh.order(true)).id}/refund`, headers: { 'idempotency-key': nonce() }, payload: { reason: 'access test' } }),
  },
  { route: 'GET /v1/events/{eventId}/ledger', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/ledger` }) },
  { route: 'GET /v1/events/{eventId}/money', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/money` }) },
  { route: 'GET /v1/events/{eventId}/orders', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/orders` }) },
  {
    route: 'POST /v1/events/{eventId}/cancel', allowed: ['owner'],
    call: async () => ({ method: 'POST', url: `/v1/events/${(await createEvent(h.db.sql, { venueId: VIP_TEST.venueId, name: 'To cancel', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) })).id}/cancel` }),
  },
  { route: 'GET /v1/outbox', allowed: ['owner'], call: async () => ({ method: 'GET', url: '/v1/outbox' }) },
  { route: 'GET /v1/tickets/{id}', allowed: STAFF, call: async (a) => ({ method: 'GET', url: `/v1/tickets/${(await fresh.order(false, await creatorFor(a))).tickets[0]!.id}` }) },
  { route: 'GET /v1/tickets/{id}/qr.svg', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/tickets/${(await fresh.order(false, await creatorFor(a))).tickets[0]!.id}/qr.svg` }) },
  { route: 'GET /v1/tickets/{id}/qr.png', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'GET', url: `/v1/tickets/${(await fresh.order(false, await creatorFor(a))).tickets[0]!.id}/qr.png` }) },
  { route: 'POST /v1/tickets/{id}/reissue', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/tickets/${(await fresh.order()).tickets[0]!.id}/reissue` }) },
  {
    route: 'POST /v1/tickets/{id}/link', allowed: ['owner', 'manager', 'promoter'],
    call: async (a) => ({ method: 'POST', url: `/v1/tickets/${(await fresh.order(true, await creatorFor(a))).tickets[0]!.id}/link`, payload: { reservationId: await fresh.reservation('confirmed', await creatorFor(a)) } }),
  },
  { route: 'GET /v1/events/{eventId}/keys', allowed: ['owner', 'manager', 'door', 'device'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/keys` }) },
  { route: 'POST /v1/events/{eventId}/keys/rotate', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/keys/rotate` }) },
  { route: 'POST /v1/events/{eventId}/keys/{kid}/revoke', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/keys/${await fresh.kid()}/revoke` }) },
  { route: 'GET /v1/public-url', allowed: ACTORS, call: async () => ({ method: 'GET', url: '/v1/public-url' }) },
  { route: 'PATCH /v1/events/{eventId}', allowed: ['owner', 'manager'], call: async () => ({ method: 'PATCH', url: `/v1/events/${EVENT}`, payload: { capacity: 400 } }) },
  {
    route: 'PATCH /v1/tables/{id}', allowed: ['owner', 'manager'],
    call: async () => ({ method: 'PATCH', url: `/v1/tables/${(await listTables(h.db.sql, VIP_TEST.venueId, EVENT))[0]!.id}`, payload: { x: 10, y: 20 } }),
  },
  { route: 'PATCH /v1/reservations/{id}', allowed: ['owner', 'manager', 'promoter'], call: async (a) => ({ method: 'PATCH', url: `/v1/reservations/${await fresh.reservation('pending', await creatorFor(a))}`, payload: { hostName: 'Renamed' } }) },
  {
    route: 'PATCH /v1/ticket-types/{id}', allowed: ['owner', 'manager'],
    call: async () => ({ method: 'PATCH', url: `/v1/ticket-types/${(await listTicketTypes(h.db.sql, { venueId: VIP_TEST.venueId, eventId: EVENT }))[0]!.id}`, payload: { feeCents: 50 } }),
  },
  {
    route: 'POST /v1/events/{eventId}/table-bookings', allowed: ['owner', 'manager', 'promoter'],
    call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/table-bookings`, payload: { tableId: (await fresh.table(2_000)).id, hostName: 'H', hostEmail: 'h@example.com', guestCount: 2 } }),
  },
  { route: 'POST /v1/events/{eventId}/close', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${await fresh.event()}/close` }) },
  { route: 'GET /v1/events/{eventId}/discrepancies', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/discrepancies` }) },
  { route: 'GET /v1/events/{eventId}/report.csv', allowed: ['owner', 'manager'], call: async () => ({ method: 'GET', url: `/v1/events/${EVENT}/report.csv` }) },
  { route: 'POST /v1/events/{eventId}/cash-count', allowed: ['owner', 'manager'], call: async () => ({ method: 'POST', url: `/v1/events/${EVENT}/cash-count`, payload: { cents: 100 } }) },
  {
    route: 'POST /v1/reservations/{id}/spend', allowed: ['owner', 'manager'],
    call: async () => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('confirmed')}/spend`, payload: { amountCents: 1_000, ref: nonce() } }),
  },
  {
    // A paid deposit needs the provider's webhook; test/money/table-bookings.test.ts refunds one.
    route: 'POST /v1/reservations/{id}/refund', allowed: ['owner', 'manager'], servedAs: 'nothing_to_refund',
    call: async () => ({ method: 'POST', url: `/v1/reservations/${await fresh.reservation('confirmed')}/refund`, headers: { 'idempotency-key': nonce() }, payload: { reason: 'access test' } }),
  },
];
// Streams never end under inject(); test/http/need-to-know.test.ts and test/http/sessions.test.ts
// cover the live route over a real socket. Logging out would end the tokens the other cases use:
// test/http/sessions.test.ts covers it. The public money routes take no token at all
// (test/money/checkout.test.ts, test/money/webhooks.test.ts, test/money/table-bookings.test.ts), nor do the share links
// of guests, whose token is the key (test/http/guest-lists.test.ts).
const NOT_HERE = [
  'GET /v1/events/{eventId}/live', 'POST /v1/auth/login', 'POST /v1/auth/logout',
  'POST /v1/payments/stripe/webhook', 'POST /v1/public/events/{eventId}/checkout', 'GET /v1/public/events/{eventId}',
  'POST /v1/public/events/{eventId}/table-bookings', 'GET /v1/public/events/{eventId}/tables',
  // A message of the outbox exists only after a sale's mail: test/money/mail.test.ts.
  'GET /v1/outbox/{name}',
  'GET /v1/public/guests/{venueId}/{token}/qr.svg', 'GET /v1/public/guests/{venueId}/{token}/qr.png',
];

describe('access: every route × every role', () => {
  beforeAll(async () => {
    await h.app.inject({ method: 'POST', url: `/v1/events/${EVENT}/ticket-types`, headers: h.auth(h.tokens.owner), payload: { name: 'Spare', priceCents: 0 } });
  });

  it('covers every /v1 route the app serves', () => {
    const served = Object.entries((h.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set([...CASES.map((c) => c.route), ...NOT_HERE])).toEqual(new Set(served));
  });

  for (const c of CASES) {
    describe(c.route, () => {
      for (const actor of ACTORS) {
        const allowed = c.allowed.includes(actor);
        it(`${allowed ? 'serves' : 'refuses (403)'} ${actor}`, async () => {
          const call = await c.call(actor);
          const res = await h.app.inject({ ...call, headers: { ...call.headers, ...h.auth(h.tokens[actor]) } } as never);
          if (allowed && c.servedAs) expect(res.json(), res.body).toMatchObject({ code: c.servedAs });
          else if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
          else expect(res.statusCode, res.body).toBe(403);
        });
      }
      it('asks for a token (401) when there is none or it is bad', async () => {
        const call = await c.call('owner');
        expect((await h.app.inject(call as never)).statusCode).toBe(401);
        expect((await h.app.inject({ ...call, headers: { ...call.headers, ...h.auth('mps_not-a-real-token') } } as never)).statusCode).toBe(401);
      });
    });
  }
});

describe('a point-of-sale device (role pos)', () => {
  it('sends a table\'s spend and is refused (403) by every other route', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/v1/devices', headers: h.auth(h.tokens.owner), payload: { name: 'Bar till', gate: 'Bar', role: 'pos' } });
    expect(created.json()).toMatchObject({ device: { role: 'pos' } });
    const pos = h.auth((created.json() as { token: string }).token);
    for (const c of CASES) {
      const call = await c.call('owner');
      const res = await h.app.inject({ ...call, headers: { ...call.headers, ...pos } } as never);
      expect(res.statusCode, `${c.route}: ${res.body}`).toBe(c.route === 'POST /v1/reservations/{id}/spend' ? 201 : 403);
    }
    // Its scan above was refused before it was decided: nothing of it reached the log.
    const [scans] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from scan_log where device_id = ${(created.json() as { device: { id: string } }).device.id}`;
    expect(scans!.n).toBe(0);
  });
});

describe('a revoked device', () => {
  it('is refused (401) on its very next request, a scan included', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/v1/devices', headers: h.auth(h.tokens.owner), payload: { name: 'Lost phone', gate: 'C' } });
    const { device, token } = created.json() as { device: { id: string }; token: string };
    const scan = () => h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code: VIP_TEST.passCodes[6], nonce: nonce() } });
    expect((await scan()).statusCode).toBe(200);
    const rows = async () => (await h.db.sql`select 1 from scan_log where device_id = ${device.id}`).length;
    expect(await rows()).toBe(1);
    expect((await h.app.inject({ method: 'POST', url: `/v1/devices/${device.id}/revoke`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(200);
    expect((await scan()).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/v1/me', headers: h.auth(token) })).statusCode).toBe(401);
    expect(await rows()).toBe(1);
  });
});
