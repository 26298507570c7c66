import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReservation, transitionReservation } from '../../src/db/reservations.js';
import { createEvent, createTable, createVenue } from '../../src/db/events.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { createAppHarness, type AppHarness } from '../support/app.js';
import { nonce, testIssuer } from '../support/fixtures.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp.js';

let smtp: SmtpSink;
let h: AppHarness & { close(): Promise<void> };

beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await createAppHarness({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

async function booking(status: 'pending' | 'confirmed', hostEmail?: string) {
  const table = await createTable(h.db.sql, { venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId, number: `S${nonce().slice(-6)}`, capacity: 4 });
  const r = await createReservation(h.db.sql, { venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId, tableId: table.id, hostName: 'Lucía Peña', hostEmail, guestCount: 3 });
  if (status === 'confirmed') await transitionReservation(h.db.sql, VIP_TEST.venueId, r.id, 'confirmed', testIssuer);
  return { id: r.id, table: table.number };
}
const send = (id: string, payload: object = {}, token = h.tokens.owner) =>
  h.app.inject({ method: 'POST', url: `/v1/reservations/${id}/send-passes`, headers: h.auth(token), payload });

describe('sending a table\'s passes by mail', () => {
  it('mails the host every pass, in Spanish when asked: each code as text and as an inline QR image; a mailed code is admitted at the door', async () => {
    const { id, table } = await booking('confirmed', 'lucia@example.com');
    const before = smtp.messages.length;
    const res = await send(id, { locale: 'es' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sentTo: 'lucia@example.com', passes: 3 });
    const [mail] = (await smtp.received(before + 1)).slice(before);
    expect(mail!.to).toMatchObject({ text: 'lucia@example.com' });
    const [event] = await h.db.sql<{ name: string }[]>`select name from events where id = ${VIP_TEST.eventId}`;
    expect(mail!.subject).toBe(`Mesa ${table} en ${event!.name}: tus pases`);
    const codes = (await h.db.sql<{ code: string }[]>`select code from guest_passes where reservation_id = ${id} order by pass_number`).map((p) => p.code);
    for (const code of codes) expect(mail!.text).toContain(code);
    expect(mail!.text).toContain('Pase 1 de 3 · anfitrión');
    expect(mail!.attachments.filter((a) => a.contentType === 'image/png' && a.cid)).toHaveLength(3);
    const scan = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: codes[2], nonce: nonce() } });
    expect(scan.json<ScanAnswer>()).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('sends to another address when given; refuses a booking without passes (409) or without any address (400 on /to), sending nothing', async () => {
    const { id } = await booking('confirmed');
    const before = smtp.messages.length;
    const noAddress = await send(id);
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json()).toMatchObject({ code: 'no_recipient', errors: [{ field: '/to' }] });
    const pending = await send((await booking('pending', 'host@example.com')).id);
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({ code: 'reservation_not_confirmed' });
    expect((await send(id, { to: 'not-an-address' })).statusCode).toBe(400);
    expect(smtp.messages.length).toBe(before);
    expect((await send(id, { to: 'assistant@example.com' })).json()).toEqual({ sentTo: 'assistant@example.com', passes: 3 });
    expect((await smtp.received(before + 1))[before]!.to).toMatchObject({ text: 'assistant@example.com' });
  });

  it('is another venue\'s booking: 404, and the door role may not send (403)', async () => {
    const { id } = await booking('confirmed', 'host@example.com');
    expect((await send(id, {}, h.tokens.door)).statusCode).toBe(403);
    const venue = await createVenue(h.db.sql, { name: 'Another club' });
    const event = await createEvent(h.db.sql, { venueId: venue.id, name: 'Elsewhere', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) });
    const table = await createTable(h.db.sql, { venueId: venue.id, eventId: event.id, number: '1', capacity: 2 });
    const theirs = await createReservation(h.db.sql, { venueId: venue.id, eventId: event.id, tableId: table.id, hostName: 'Not yours', hostEmail: 'x@example.com', guestCount: 2 });
    await transitionReservation(h.db.sql, venue.id, theirs.id, 'confirmed', testIssuer);
    expect((await send(theirs.id)).statusCode).toBe(404);
  });
});
