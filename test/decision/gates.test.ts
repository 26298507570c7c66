import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp();
const counterRows = async () => (await h.db.sql`select gate from scan_counters where venue_id = ${VIP_TEST.venueId} order by gate`).map((r) => r.gate as string);

describe('gates are the venue’s', () => {
  it('refuses a scan at a gate the venue does not have (400 naming the field), adding no counter and no log row', async () => {
    const gates = await counterRows();
    const logRows = (await h.db.sql`select count(*)::int as n from scan_log`)[0]!.n as number;
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: VIP_TEST.passCodes[0], nonce: nonce(), gate: 'Invented-1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: '/gate' }] });
    expect(await counterRows()).toEqual(gates);
    expect((await h.db.sql`select count(*)::int as n from scan_log`)[0]!.n).toBe(logRows);
  });

  it('accepts a gate the venue lists (a scanner enrolled there adds it; managers add more)', async () => {
    const listed = await h.app.inject({ method: 'GET', url: '/v1/gates', headers: h.auth(h.tokens.door) });
    expect((listed.json() as { items: { name: string }[] }).items.map((g) => g.name)).toContain('A');
    const added = await h.app.inject({ method: 'POST', url: '/v1/gates', headers: h.auth(h.tokens.manager), payload: { name: 'Terrace' } });
    expect(added.statusCode, added.body).toBe(201);
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: VIP_TEST.passCodes[0], nonce: nonce(), gate: 'Terrace' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await counterRows()).toContain('Terrace');
  });
});
