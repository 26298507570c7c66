import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp();

describe('what each role is shown', () => {
  it('gives pass codes (a way in) to owners, managers and promoters (of their own bookings), not to the door', async () => {
    const read = async (actor: 'owner' | 'manager' | 'promoter' | 'door') =>
      ((await h.app.inject({ method: 'GET', url: `/v1/reservations/${VIP_TEST.reservationId}`, headers: h.auth(h.tokens[actor]) })).json() as { passes: { code?: string }[] }).passes;
    expect((await read('owner'))[0]!.code).toBe(VIP_TEST.passCodes[0]);
    expect((await read('manager'))[0]!.code).toBe(VIP_TEST.passCodes[0]);
    await h.db.sql`update vip_reservations set created_by = (select id from staff where email = 'promoter@maguey.local') where id = ${VIP_TEST.reservationId}`;
    expect((await read('promoter'))[0]!.code).toBe(VIP_TEST.passCodes[0]);
    const door = await read('door');
    expect(door).toHaveLength(8);
    expect(door.every((p) => !('code' in p))).toBe(true);
  });

  it('streams scans (which name guests) only to roles that may read the scan log; promoters get the numbers', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const open = async (actor: 'door' | 'promoter') => {
      const res = await fetch(`${base}/v1/events/${VIP_TEST.eventId}/live`, { headers: h.auth(h.tokens[actor]) });
      const reader = res.body!.getReader();
      let text = '';
      return {
        /** Everything received until a stats event follows the scan (the hub sends stats after scans). */
        async until(done: (text: string) => boolean) {
          while (!done(text)) text += new TextDecoder().decode((await reader.read()).value);
          await reader.cancel();
          return text;
        },
      };
    };
    const door = await open('door');
    const promoter = await open('promoter');
    const scan = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: VIP_TEST.passCodes[5], nonce: nonce() } });
    const { scanId } = scan.json() as { scanId: string };
    expect(await door.until((t) => t.includes(scanId))).toContain('event: scan');
    const promoterSaw = await promoter.until((t) => (t.match(/event: stats/g) ?? []).length >= 2);
    expect(promoterSaw).not.toContain('event: scan');
    expect(promoterSaw).not.toContain(scanId);
  });
});
