import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { nonce } from '../support/fixtures.js';
import { useCitusApp } from './app.js';

// Offline uploads on Citus: the fraud signals judged by scan time and an
// exit placed before a later movement, inside the delegated redeem_scan.
const h = useCitusApp();
let phones: string[];

beforeAll(async () => {
  phones = [];
  for (const gate of ['A', 'B']) {
    phones.push((await h.call('/v1/devices', h.ownerToken, { method: 'POST', body: { name: `Citus phone ${gate}`, gate, eventId: VIP_TEST.eventId } })).body.token as string);
  }
});

const offline = (code: string, secondsAgo: number, direction: 'entry' | 'exit' = 'entry') => ({
  code, nonce: nonce(), direction, scannedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), offline: true, localDecision: 'admit',
});
const upload = async (token: string, scans: unknown[]) =>
  ((await h.call('/v1/scans/batch', token, { method: 'POST', body: { scans } })).body.answers as { entryType: string | null; reason: string | null }[]);

describe('offline uploads on Citus', () => {
  it('one code on two phones 30 s apart by scan time is code_on_many_devices; an exit from before a later re-entry is superseded', async () => {
    const typeId = (await h.call(`/v1/events/${VIP_TEST.eventId}/ticket-types`, h.ownerToken, {
      method: 'POST', body: { name: `Always ${nonce()}`, priceCents: 1000, inventory: 10, reentry: 'always' },
    })).body.id as string;
    const placed = await h.call(`/v1/events/${VIP_TEST.eventId}/orders`, h.ownerToken, {
      method: 'POST', body: { buyerName: 'Ana', buyerEmail: 'ana@example.com', paid: true, lines: [{ ticketTypeId: typeId, quantity: 1 }] },
    });
    const [ticket] = placed.body.tickets as { id: string; code: string }[];
    await upload(phones[1]!, [offline(ticket!.code, 570)]);
    await upload(phones[0]!, [offline(ticket!.code, 600)]);
    const inbox = (await h.call(`/v1/events/${VIP_TEST.eventId}/attention?status=open`, h.ownerToken)).body.items as { kind: string; subjectId: string }[];
    expect(inbox.filter((i) => i.subjectId === ticket!.id).map((i) => i.kind)).toEqual(['code_on_many_devices']);

    const [exit] = await upload(phones[0]!, [offline(ticket!.code, 580, 'exit')]);
    expect(exit).toMatchObject({ entryType: 'exit', reason: 'superseded' });
    const [row] = await h.db.sql`select inside from tickets where venue_id = ${VIP_TEST.venueId} and id = ${ticket!.id}`;
    expect(row!.inside).toBe(true);
  });
});
