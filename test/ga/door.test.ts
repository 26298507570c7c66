import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeIssuer } from '../../src/db/keys.js';
import { SecretBox } from '../../src/domain/secret-box.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let eventId: string;
let door: { device: { id: string }; token: string };

beforeAll(async () => {
  eventId = await ga.event();
  door = await ga.device(eventId, 'B');
});

const scan = async (code: string, opts: { token?: string; direction?: 'entry' | 'exit' } = {}) => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(opts.token ?? door.token), payload: { code, nonce: nonce(), direction: opts.direction ?? 'entry' } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};
const ticketRow = async (id: string) => (await h.db.sql`select status, inside, first_entry_scan_id from tickets where id = ${id}`)[0];

describe('GA tickets at the door', () => {
  it('single entry: admitted once, then already_used saying when, which gate and which device', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'first_entry', subject: { kind: 'ticket', id: t!.id } });
    const again = await scan(t!.code);
    expect(again).toMatchObject({ decision: 'deny', reason: 'already_used', firstEntry: { gate: 'B', deviceName: 'Door B' } });
    expect(again.message).toMatch(/^Already used · \d\d:\d\d · Gate B · Door B$/);
    await scan(t!.code, { direction: 'exit' });
    expect(await scan(t!.code)).toMatchObject({ decision: 'deny', reason: 'already_used' }); // "never" stays never after an exit
  });

  it('after_exit: no second entry while inside; entry, exit, entry again', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'after_exit' }));
    await scan(t!.code);
    expect(await scan(t!.code)).toMatchObject({ decision: 'deny', reason: 'already_inside' });
    expect(await scan(t!.code, { direction: 'exit' })).toMatchObject({ decision: 'admit', entryType: 'exit' });
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'reentry', severity: 'warn' });
  });

  it('always: re-admits without an exit', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId, { reentry: 'always' }));
    await scan(t!.code);
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'reentry' });
  });

  it('32 scanners on one single-entry ticket at once: exactly one admit', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const devices = [];
    for (let i = 0; i < 32; i++) devices.push(await ga.device(eventId, `S${i}`));
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const answers = await Promise.all(devices.map((d) => fetch(`${base}/v1/scans`, {
      method: 'POST', headers: { ...h.auth(d.token), 'content-type': 'application/json' }, body: JSON.stringify({ code: t!.code, nonce: nonce() }),
    }).then((r) => r.json() as Promise<ScanAnswer>)));
    const admitted = answers.filter((a) => a.decision === 'admit');
    expect(admitted).toHaveLength(1);
    const denied = answers.filter((a) => a.reason === 'already_used');
    expect(denied).toHaveLength(31);
    const [first] = await h.db.sql<{ gate: string; name: string }[]>`
      select s.gate, d.name from scan_log s join devices d on d.id = s.device_id where s.id = ${admitted[0]!.scanId}`;
    expect(denied.every((a) => a.firstEntry?.at === admitted[0]!.recordedAt && a.firstEntry.gate === first!.gate && a.firstEntry.deviceName === first!.name)).toBe(true);
    const rows = await h.db.sql`select entry_type from scan_log where subject_id = ${t!.id}`;
    expect(rows.filter((r) => r.entry_type === 'first_entry')).toHaveLength(1);
    expect(rows).toHaveLength(32);
  });
});

describe('a GA ticket denied', () => {
  it('is unpaid while its order is pending, cancelled once cancelled or refunded, and stays issued', async () => {
    const typeId = await ga.ticketType(eventId);
    const pending = await ga.tickets(eventId, typeId, 1, false);
    expect(await scan(pending.tickets[0]!.code)).toMatchObject({ decision: 'deny', reason: 'unpaid' });
    await ga.post(`/v1/orders/${pending.orderId}/cancel`);
    expect(await scan(pending.tickets[0]!.code)).toMatchObject({ reason: 'cancelled' });
    const refunded = await ga.tickets(eventId, typeId);
    await ga.refund(refunded.orderId);
    expect(await scan(refunded.tickets[0]!.code)).toMatchObject({ reason: 'cancelled' });
    expect(await ticketRow(pending.tickets[0]!.id)).toMatchObject({ inside: false, first_entry_scan_id: null });
  });

  it('is not_yet_valid before its window and expired after it', async () => {
    const soon = await ga.tickets(eventId, await ga.ticketType(eventId, { validFrom: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(await scan(soon.tickets[0]!.code)).toMatchObject({ reason: 'not_yet_valid' });
    const past = await ga.tickets(eventId, await ga.ticketType(eventId, { validUntil: new Date(Date.now() + 3_600_000).toISOString() }));
    await h.db.sql`update ticket_types set valid_until = now() - interval '1 minute' where id = (select ticket_type_id from tickets where id = ${past.tickets[0]!.id})`;
    expect(await scan(past.tickets[0]!.code)).toMatchObject({ reason: 'expired' });
    expect(await ticketRow(past.tickets[0]!.id)).toMatchObject({ status: 'issued' });
  });

  it('is wrong_event at a door of another event, and the ticket is not marked used', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const otherDoor = await ga.device(await ga.event(), 'X');
    expect(await scan(t!.code, { token: otherDoor.token })).toMatchObject({ decision: 'deny', reason: 'wrong_event' });
    expect(await ticketRow(t!.id)).toEqual({ status: 'issued', inside: false, first_entry_scan_id: null });
    expect(await scan(t!.code)).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('is invalid_signature (alert) when tampered with or signed by a foreign key', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const i = 40;
    const tampered = t!.code.slice(0, i) + (t!.code[i] === 'A' ? 'B' : 'A') + t!.code.slice(i + 1);
    expect(await scan(tampered)).toMatchObject({ decision: 'deny', reason: 'invalid_signature', severity: 'alert' });
    const forger = new CodeIssuer(new SecretBox('someone-elses-secret-123'));
    const foreign = await forger.issue(h.db.sql, { venueId: VIP_TEST.venueId, eventId: await ga.event() }, { kind: 'ticket', id: t!.id, serial: 1 });
    expect(await scan(foreign)).toMatchObject({ reason: 'invalid_signature', severity: 'alert' });
    expect(await ticketRow(t!.id)).toMatchObject({ status: 'issued' });
  });

  it('is revoked once re-issued (old serial) or once its key is revoked', async () => {
    const { tickets: [t, u] } = await ga.tickets(eventId, await ga.ticketType(eventId), 2);
    const reissued = await ga.post<{ code: string }>(`/v1/tickets/${t!.id}/reissue`);
    expect(await scan(t!.code)).toMatchObject({ reason: 'revoked' });
    const keys = (await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/keys`, headers: h.auth(door.token) })).json() as { keys: { kid: number }[]; revokedCodes: { subjectId: string; serial: number }[] };
    expect(keys.revokedCodes).toContainEqual(expect.objectContaining({ subjectId: t!.id, serial: 1 }));
    // rotation: new codes carry the new key, old ones keep working until their key is revoked
    const oldKid = keys.keys[0]!.kid;
    await ga.post(`/v1/events/${eventId}/keys/rotate`);
    const fresh = await ga.tickets(eventId, await ga.ticketType(eventId));
    expect(fresh.tickets[0]!.code.slice(0, 12)).not.toBe(u!.code.slice(0, 12));
    expect((await ga.post(`/v1/events/${eventId}/keys/${oldKid}/revoke`)).status).toBe(200);
    expect(await scan(u!.code)).toMatchObject({ reason: 'revoked' });
    expect(await scan(reissued.body.code)).toMatchObject({ reason: 'revoked' }); // signed with the revoked key too
    expect(await scan(fresh.tickets[0]!.code)).toMatchObject({ decision: 'admit' });
  });

  it('is capacity_reached when the venue is full, and an exit frees a place', async () => {
    const full = await ga.event({ capacity: 1 });
    const fullDoor = await ga.device(full, 'F');
    const { tickets: [a, b] } = await ga.tickets(full, await ga.ticketType(full, { reentry: 'after_exit' }), 2);
    expect(await scan(a!.code, { token: fullDoor.token })).toMatchObject({ decision: 'admit' });
    expect(await scan(b!.code, { token: fullDoor.token })).toMatchObject({ decision: 'deny', reason: 'capacity_reached' });
    expect(await ticketRow(b!.id)).toMatchObject({ status: 'issued', inside: false });
    await scan(a!.code, { token: fullDoor.token, direction: 'exit' });
    expect(await scan(b!.code, { token: fullDoor.token })).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('is not_inside (a warning) when leaving without having entered', async () => {
    const { tickets: [t] } = await ga.tickets(eventId, await ga.ticketType(eventId));
    expect(await scan(t!.code, { direction: 'exit' })).toMatchObject({ decision: 'deny', reason: 'not_inside', severity: 'warn' });
  });
});

describe('a GA ticket linked to a VIP table', () => {
  it('admits as "Guest of table N", counts into the reservation, and keeps its own type’s re-entry policy', async () => {
    const { tickets: [t] } = await ga.tickets(VIP_TEST.eventId, await ga.ticketType(VIP_TEST.eventId));
    expect((await ga.post(`/v1/tickets/${t!.id}/link`, { reservationId: VIP_TEST.reservationId })).status).toBe(200);
    const before = (await h.db.sql`select checked_in_guests from vip_reservations where id = ${VIP_TEST.reservationId}`)[0]!.checked_in_guests as number;
    const first = await scan(t!.code, { token: h.tokens.device });
    expect(first).toMatchObject({ decision: 'admit', entryType: 'first_entry', reservation: { tableNumber: '101', checkedInGuests: before + 1 } });
    expect(first.message).toContain('Guest of table 101');
    expect(await scan(t!.code, { token: h.tokens.device })).toMatchObject({ decision: 'deny', reason: 'already_used' });
    expect((await h.db.sql`select checked_in_guests from vip_reservations where id = ${VIP_TEST.reservationId}`)[0]).toEqual({ checked_in_guests: before + 1 });
    expect((await ga.post(`/v1/tickets/${t!.id}/link`, { reservationId: VIP_TEST.reservationId })).status).toBe(409); // already in
  });

  it('is denied when that reservation is cancelled or not confirmed', async () => {
    const tables = (await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/tables`, headers: h.auth(h.tokens.owner) })).json() as { items: { id: string; number: string }[] };
    const table = tables.items.find((x) => x.number === '102')!;
    const reservation = await ga.post<{ id: string }>(`/v1/events/${VIP_TEST.eventId}/reservations`, { tableId: table.id, hostName: 'Linked', guestCount: 2 });
    const { tickets: [t] } = await ga.tickets(VIP_TEST.eventId, await ga.ticketType(VIP_TEST.eventId));
    await ga.post(`/v1/tickets/${t!.id}/link`, { reservationId: reservation.body.id });
    expect(await scan(t!.code, { token: h.tokens.device })).toMatchObject({ reason: 'reservation_not_confirmed' });
    await ga.post(`/v1/reservations/${reservation.body.id}/cancel`);
    expect(await scan(t!.code, { token: h.tokens.device })).toMatchObject({ reason: 'reservation_cancelled' });
  });
});
