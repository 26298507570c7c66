import { beforeAll, describe, expect, it } from 'vitest';
import { createDevice } from '../../src/db/devices.js';
import { createEvent, createTable, createVenue } from '../../src/db/events.js';
import { revokeEventKey } from '../../src/db/keys.js';
import { createTicketType, linkTicket, placeOrder, reissueCode, setOrderStatus } from '../../src/db/orders.js';
import { createReservation, transitionReservation } from '../../src/db/reservations.js';
import { createGuestList } from '../../src/db/guest-lists.js';
import { addGuest } from '../../src/db/guests.js';
import { redeemScan, type Scanner } from '../../src/db/scans.js';
import { SCAN_REASONS, SUBJECT_KINDS } from '../../src/domain/lists.js';
import { parseCode } from '../../src/domain/signed-codes.js';
import { PublicKeyCache, classifyCode } from '../../src/scan/parse-code.js';
import { readDoorData } from '../../src/db/door-data.js';
import { decideOffline, plainCodeIndex } from '../../src/offline/decide-offline.js';
import { useTestDatabase } from '../support/database.js';
import { nonce, testIssuer } from '../support/fixtures.js';
import { DECISION_TABLE, NOT_APPLICABLE, type DecisionCase } from './decision-table.js';

const db = useTestDatabase();
const HOUR = 3_600_000;
let venueId: string;
let unbound: Scanner;

beforeAll(async () => {
  venueId = (await createVenue(db.sql, { name: 'Decision Club' })).id;
  const { device } = await createDevice(db.sql, { venueId, name: 'Unbound', gate: 'U' });
  unbound = { kind: 'device', deviceId: device.id, venueId, eventId: null, gate: 'U' };
});

const WINDOWS = { open: [-HOUR, 5 * HOUR], 'not-yet': [20 * HOUR, 26 * HOUR], over: [-30 * 24 * HOUR, -30 * 24 * HOUR + 6 * HOUR] } as const;

async function boundScanner(eventId: string): Promise<Scanner> {
  const { device } = await createDevice(db.sql, { venueId, name: 'Bound', gate: 'B', eventId });
  return { kind: 'device', deviceId: device.id, venueId, eventId, gate: 'B' };
}

async function newEvent(c: DecisionCase) {
  const [from, to] = WINDOWS[c.window ?? 'open'];
  const event = await createEvent(db.sql, {
    venueId, name: c.name.slice(0, 60), startsAt: new Date(Date.now() + from), endsAt: new Date(Date.now() + to),
    capacity: c.full ? 1 : null, vipReentry: c.kind === 'vip_pass' && c.reentry === 'after_exit' ? 'after_exit' : 'always',
  });
  return { venueId, eventId: event.id };
}

async function reservationIn(event: { eventId: string }, status: DecisionCase['reservation'] = 'confirmed') {
  const table = await createTable(db.sql, { venueId, eventId: event.eventId, number: '1', capacity: 4 });
  const r = await createReservation(db.sql, { venueId, eventId: event.eventId, tableId: table.id, hostName: 'Host', guestCount: 2 });
  const confirmed = await transitionReservation(db.sql, venueId, r.id, 'confirmed', testIssuer);
  return { id: r.id, passes: confirmed.passes, moveTo: async () => {
    if (status !== 'confirmed') await transitionReservation(db.sql, venueId, r.id, status, testIssuer);
  } };
}

/** A guest of a list of the case's event, its party in the case's state (someone else inside when the venue is full). */
async function guestFor(c: DecisionCase, event: { venueId: string; eventId: string }) {
  const list = await createGuestList(db.sql, {
    ...event, name: 'Friends', promoterId: null, createdBy: null, admitUntil: c.validity === 'over' ? new Date(Date.now() - HOUR) : null,
  });
  const [guest, other] = [
    await addGuest(db.sql, testIssuer, venueId, list.id, { name: 'Ana Torres', plusOnes: c.party?.plusOnes ?? 1, createdBy: null }),
    await addGuest(db.sql, testIssuer, venueId, list.id, { name: 'Someone Else', createdBy: null }),
  ];
  if (c.full) await redeemScan(db.sql, { scanner: unbound, code: other!.code, nonce: nonce() });
  if (c.party) {
    await db.sql`update guests set status = 'checked_in', entries = ${c.party.entries}, inside = ${c.party.inside} where venue_id = ${venueId} and id = ${guest!.id}`;
  }
  return { id: guest!.id, code: guest!.code, table: 'guests' as const };
}

/** Puts the case's subject in its state; returns its code and id. */
async function subjectFor(c: DecisionCase, event: { venueId: string; eventId: string }) {
  if (c.kind === 'guest') return guestFor(c, event);
  if (c.kind === 'vip_pass') {
    const r = await reservationIn(event, c.reservation);
    const pass = r.passes[1]!;
    if (c.full) await redeemScan(db.sql, { scanner: unbound, code: r.passes[0]!.code, nonce: nonce() });
    await r.moveTo();
    return { id: pass.id, code: pass.code, table: 'guest_passes' as const };
  }
  const type = await createTicketType(db.sql, {
    ...event, name: 'GA', priceCents: 1_000, reentry: c.reentry ?? 'never',
    validFrom: c.validity === 'not-yet' ? new Date(Date.now() + HOUR) : null,
    validUntil: c.validity === 'over' ? new Date(Date.now() - HOUR) : null,
  });
  const order = await placeOrder(db.sql, testIssuer, {
    ...event, buyerName: 'Buyer', buyerEmail: 'b@example.com', createdBy: null,
    lines: [{ ticketTypeId: type.id, quantity: 2 }], paid: (c.order ?? 'paid') !== 'pending',
  });
  const [ticket, other] = order.tickets;
  if (c.full) await redeemScan(db.sql, { scanner: unbound, code: other!.code, nonce: nonce() });
  if (c.reservation) {
    const r = await reservationIn(event, c.reservation);
    await linkTicket(db.sql, venueId, ticket!.id, r.id);
    await r.moveTo();
  }
  if (c.order === 'cancelled' || c.order === 'refunded') await setOrderStatus(db.sql, venueId, order.id, c.order);
  return { id: ticket!.id, code: ticket!.code, table: 'tickets' as const };
}

/** The text the scanner reads, per the case's `code`. */
async function codeFor(c: DecisionCase, subject: { id: string; code: string; table: 'guest_passes' | 'tickets' | 'guests' }, event: { venueId: string; eventId: string }) {
  const flip = (code: string) => code.slice(0, 60) + (code[60] === 'A' ? 'B' : 'A') + code.slice(61);
  switch (c.code ?? 'signed') {
    case 'signed': return subject.code;
    case 'plain': {
      const token = `PLAIN-${subject.id.slice(0, 8)}`;
      await db.sql`update guest_passes set code = ${token} where venue_id = ${venueId} and id = ${subject.id}`;
      return token;
    }
    case 'unknown': return `NOBODY-${nonce()}`;
    case 'tampered': case 'typed-tampered': return flip(subject.code);
    case 'old-serial': await reissueCode(db.sql, testIssuer, venueId, c.kind, subject.id); return subject.code;
    case 'revoked-key': {
      const parsed = parseCode(subject.code);
      if (parsed.form !== 'signed') throw new Error('not signed');
      await revokeEventKey(db.sql, event, parsed.claim.kid);
      return subject.code;
    }
    case 'other-event-key': {
      const other = await createEvent(db.sql, { venueId, name: 'Other', startsAt: new Date(), endsAt: new Date(Date.now() + HOUR) });
      return testIssuer.issue(db.sql, { venueId, eventId: other.id }, { kind: c.kind, id: subject.id, serial: 1 });
    }
  }
}

/**
 * The phone's decision (src/offline/decide-offline.ts) for the same scan,
 * from the door data it would hold: its bound event's, or for an unbound
 * scanner the code's event's.
 */
async function decideOnPhone(c: DecisionCase, code: string, scanner: Scanner, event: { venueId: string; eventId: string }) {
  const doorEventId = scanner.kind === 'device' && scanner.eventId ? scanner.eventId : event.eventId;
  const door = (await readDoorData(db.sql, { venueId, eventId: doorEventId }, null))!;
  const decision = await decideOffline({
    door, subjects: new Map(door.subjects.map((s) => [s.id, s])), plainCodes: plainCodeIndex(door.subjects), peopleInside: door.peopleInside,
    boundEventId: scanner.kind === 'device' ? scanner.eventId : null, gate: scanner.gate, now: new Date(), scanId: nonce(),
  }, { code, direction: c.direction ?? 'entry', manual: c.code === 'typed-tampered' });
  return { reason: decision.answer.reason, entryType: decision.answer.entryType };
}

describe('the decision table, through redeem_scan and the phone\'s offline decision', () => {
  it('has a row for every reason and subject kind (but the pairs that cannot happen, each with its why)', () => {
    for (const reason of SCAN_REASONS) {
      for (const kind of SUBJECT_KINDS) {
        if (NOT_APPLICABLE[reason]?.[kind]) continue;
        expect(DECISION_TABLE.some((c) => c.kind === kind && c.expect.reason === reason), `${reason} × ${kind}`).toBe(true);
      }
    }
  });

  for (const c of DECISION_TABLE) {
    it(`${c.kind}: ${c.name} → ${c.expect.reason ?? c.expect.entryType}, on both`, async () => {
      const event = await newEvent(c);
      const subject = await subjectFor(c, event);
      if (c.subject) {
        const { status = 'issued', inside = false } = c.subject;
        // a guest's inside is a count of its party (c.party sets it)
        const insideSet = subject.table === 'guests' ? db.sql`` : db.sql`, inside = ${inside}`;
        await db.sql`update ${db.sql(subject.table)} set status = ${status} ${insideSet} where venue_id = ${venueId} and id = ${subject.id}`;
      }
      const code = await codeFor(c, subject, event);
      const scanner = c.scanner === 'unbound' ? unbound
        : c.scanner === 'other-event' ? await boundScanner((await newEvent({ ...c, full: false, window: 'open' })).eventId)
        : await boundScanner(event.eventId);
      const manual = c.code === 'typed-tampered';
      const onPhone = await decideOnPhone(c, code, scanner, event);
      const parsed = await classifyCode(db.sql, new PublicKeyCache(), venueId, code);
      const answer = await redeemScan(db.sql, { scanner, code, parsed, nonce: nonce(), direction: c.direction, manual });
      expect({ reason: answer.reason, entryType: answer.entryType }, 'the server').toEqual(c.expect);
      expect(onPhone, 'the phone').toEqual(c.expect);
    });
  }
});
