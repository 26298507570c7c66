import { describe, expect, it } from 'vitest';
import { parseCode, publicKeyFromRaw, verifySignature } from '../../src/domain/signed-codes.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);

describe('what a scanner needs offline', () => {
  it('the event’s public keys verify its codes without the server, for devices and door staff only', async () => {
    const { tickets: [t] } = await ga.tickets(VIP_TEST.eventId, await ga.ticketType(VIP_TEST.eventId));
    const res = await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/keys`, headers: h.auth(h.tokens.device) });
    expect(res.statusCode).toBe(200);
    const set = res.json() as { format: string; keys: { kid: number; algorithm: string; publicKey: string; revokedAt: string | null }[] };
    expect(set.format).toBe('M1');
    const parsed = parseCode(t!.code);
    if (parsed.form !== 'signed') throw new Error('not a signed code');
    const key = set.keys.find((k) => k.kid === parsed.claim.kid)!;
    expect(key).toMatchObject({ algorithm: 'Ed25519', revokedAt: null });
    expect(verifySignature(parsed, publicKeyFromRaw(Buffer.from(key.publicKey, 'base64url')))).toBe(true);
    expect(parsed.claim).toMatchObject({ kind: 'ticket', subjectId: t!.id, serial: 1 });
    expect((await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/keys`, headers: h.auth(h.tokens.door) })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/keys`, headers: h.auth(h.tokens.promoter) })).statusCode).toBe(403);
  });

  it('a ticket reads back with its fields, and prints as an SVG or PNG QR code', async () => {
    const typeId = await ga.ticketType(VIP_TEST.eventId);
    const { orderId, tickets: [t] } = await ga.tickets(VIP_TEST.eventId, typeId);
    const ticket = (await h.app.inject({ method: 'GET', url: `/v1/tickets/${t!.id}`, headers: h.auth(h.tokens.owner) })).json();
    expect(ticket).toEqual({ id: t!.id, eventId: VIP_TEST.eventId, ticketTypeId: typeId, orderId, code: t!.code, status: 'issued', inside: false, firstEntryAt: null, reservationId: null });
    // The door sees the ticket but not its code (a code is a way in): test/http/roles.test.ts.
    const atTheDoor = (await h.app.inject({ method: 'GET', url: `/v1/tickets/${t!.id}`, headers: h.auth(h.tokens.door) })).json();
    expect(atTheDoor).toEqual({ id: t!.id, eventId: VIP_TEST.eventId, ticketTypeId: typeId, orderId, status: 'issued', inside: false, firstEntryAt: null, reservationId: null });
    const svg = await h.app.inject({ method: 'GET', url: `/v1/tickets/${t!.id}/qr.svg`, headers: h.auth(h.tokens.owner) });
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    const png = await h.app.inject({ method: 'GET', url: `/v1/tickets/${t!.id}/qr.png`, headers: h.auth(h.tokens.owner) });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });
});
