import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

const h = useApp();

// Every route of ../shared/API.md, as it writes them.
const API_MD = [
  'POST /v1/auth/login', 'POST /v1/devices', 'POST /v1/devices/{id}/revoke',
  'POST /v1/events', 'POST /v1/events/{eventId}/tables', 'POST /v1/events/{eventId}/reservations',
  'POST /v1/reservations/{id}/confirm', 'POST /v1/reservations/{id}/cancel', 'POST /v1/reservations/{id}/complete',
  'POST /v1/reservations/{id}/no-show', 'POST /v1/reservations/{id}/reset', 'GET /v1/reservations/{id}',
  'POST /v1/events/{eventId}/ticket-types', 'POST /v1/events/{eventId}/orders', 'POST /v1/orders/{id}/pay',
  'POST /v1/orders/{id}/cancel', 'POST /v1/orders/{id}/refund', 'GET /v1/tickets/{id}', 'POST /v1/tickets/{id}/link',
  'GET /v1/events/{eventId}/keys', 'POST /v1/scans', 'POST /v1/scans/{scanId}/annul', 'GET /v1/scans',
  'GET /v1/events/{eventId}/stats', 'GET /v1/events/{eventId}/live', 'GET /healthz', 'GET /readyz', 'GET /metrics',
];

describe('the OpenAPI document', () => {
  it('is served at /openapi.json and documents every route of API.md', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    expect(API_MD.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents only routes that are served', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        expect(h.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{([^}]+)\}/g, ':$1') }), `${method} ${path}`).toBe(true);
        if (path.endsWith('/live')) continue; // a stream; test/process covers it
        const res = await h.app.inject({ method: method.toUpperCase() as 'GET', url, headers: h.auth(h.tokens.owner) });
        expect(res.body, `${method} ${path}`).not.toContain('route_not_found');
      }
    }
  });

  it('is browsable at /docs', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
