import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

// The seed's test, through HTTP on a real socket: 5 devices, 5 passes, at once.
const h = useApp();
let base: string;
let deviceTokens: string[];

beforeAll(async () => {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  deviceTokens = [];
  for (let i = 0; i < 5; i++) {
    const res = await h.app.inject({ method: 'POST', url: '/v1/devices', headers: h.auth(h.tokens.owner), payload: { name: `Door ${i + 1}`, gate: String.fromCharCode(65 + i) } });
    deviceTokens.push((res.json() as { token: string }).token);
  }
});

const call = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
  const res = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const scanAll = () => Promise.all(deviceTokens.map((token, i) =>
  call('/v1/scans', token, { method: 'POST', body: { code: VIP_TEST.passCodes[i], nonce: nonce() } })));

describe('the seed scenario over HTTP', () => {
  for (const run of [1, 2, 3]) {
    it(`run ${run}: 5 devices admit 5 guests at once, then 5 re-entries; counts read back exactly`, async () => {
      const first = await scanAll();
      expect(first.map((r) => [r.status, r.body.decision, r.body.entryType])).toEqual(Array(5).fill([200, 'admit', 'first_entry']));
      let reservation = await call(`/v1/reservations/${VIP_TEST.reservationId}`, h.tokens.owner);
      expect(reservation.body).toMatchObject({ status: 'checked_in', checkedInGuests: 5 });
      expect((reservation.body.passes as { status: string }[]).filter((p) => p.status === 'checked_in')).toHaveLength(5);

      const again = await scanAll();
      expect(again.map((r) => [r.status, r.body.entryType])).toEqual(Array(5).fill([200, 'reentry']));
      const log = await call(`/v1/scans?reservationId=${VIP_TEST.reservationId}&limit=500`, h.tokens.owner);
      const items = log.body.items as { entryType: string; subject: { id: string } }[];
      expect(items).toHaveLength(10);
      expect(items.filter((s) => s.entryType === 'reentry')).toHaveLength(5);
      expect(new Set(items.filter((s) => s.entryType === 'first_entry').map((s) => s.subject.id)).size).toBe(5);
      reservation = await call(`/v1/reservations/${VIP_TEST.reservationId}`, h.tokens.owner);
      expect(reservation.body.checkedInGuests).toBe(5);

      const reset = await call(`/v1/reservations/${VIP_TEST.reservationId}/reset`, h.tokens.owner, { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ status: 'confirmed', checkedInGuests: 0, firstCheckedInAt: null });
      expect(((await call(`/v1/scans?reservationId=${VIP_TEST.reservationId}`, h.tokens.owner)).body.items as unknown[])).toHaveLength(0);
    });
  }
});

describe('reset', () => {
  it('is for owners only', async () => {
    for (const actor of ['manager', 'promoter', 'door', 'device'] as const) {
      expect((await call(`/v1/reservations/${VIP_TEST.reservationId}/reset`, h.tokens[actor], { method: 'POST' })).status).toBe(403);
    }
  });
});
