import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';

const h = useApp({ metricsToken: 'metrics-token-for-tests' });

type Res = { headers: Record<string, unknown>; statusCode: number };
function expectSecurityHeaders(res: Res) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
}

describe('every response', () => {
  it('carries the security headers: answers, problems, unknown routes, pages and the API docs', async () => {
    const responses = [
      await h.app.inject({ method: 'GET', url: '/healthz' }),
      await h.app.inject({ method: 'GET', url: '/v1/me', headers: h.auth(h.tokens.owner) }),
      await h.app.inject({ method: 'GET', url: '/v1/me' }),
      await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'x\u0000', password: 'y' } }),
      await h.app.inject({ method: 'GET', url: '/v1/nowhere' }),
      await h.app.inject({ method: 'GET', url: '/' }),
      await h.app.inject({ method: 'GET', url: '/docs/' }),
    ];
    for (const res of responses) expectSecurityHeaders(res);
  });

  it('that carries a token or a code says Cache-Control: no-store', async () => {
    const login = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: h.demo.owner.email, password: h.demo.owner.password } });
    expect(login.statusCode).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const reservation = await h.app.inject({ method: 'GET', url: `/v1/reservations/${VIP_TEST.reservationId}`, headers: h.auth(h.tokens.owner) });
    expect(reservation.body).toContain(VIP_TEST.passCodes[0]);
    expect(reservation.headers['cache-control']).toBe('no-store');
    const qr = await h.app.inject({ method: 'GET', url: `/v1/passes/${(reservation.json() as { passes: { id: string }[] }).passes[0]!.id}/qr.svg`, headers: h.auth(h.tokens.owner) });
    expect(qr.headers['cache-control']).toBe('no-store');
    const device = await h.app.inject({ method: 'POST', url: '/v1/devices', headers: h.auth(h.tokens.owner), payload: { name: 'Cache test', gate: 'C' } });
    expect(device.headers['cache-control']).toBe('no-store');
  });
});

describe('/metrics', () => {
  const metrics = (remoteAddress: string, token?: string) =>
    h.app.inject({ method: 'GET', url: '/metrics', remoteAddress, ...(token ? { headers: h.auth(token) } : {}) });

  it('answers loopback clients', async () => {
    expect((await metrics('127.0.0.1')).statusCode).toBe(200);
    expect((await metrics('::1')).statusCode).toBe(200);
  });

  it('refuses anyone else (401) unless they bear MAGUEY_METRICS_TOKEN', async () => {
    const refused = await metrics('203.0.113.9');
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain('maguey_');
    expect((await metrics('203.0.113.9', 'wrong-token')).statusCode).toBe(401);
    expect((await metrics('203.0.113.9', h.tokens.owner)).statusCode).toBe(401);
    const allowed = await metrics('203.0.113.9', 'metrics-token-for-tests');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('maguey_scans_total');
  });
});
