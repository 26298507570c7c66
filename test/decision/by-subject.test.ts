import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let ticket: { id: string; code: string };

beforeAll(async () => {
  const { tickets } = await ga.tickets(VIP_TEST.eventId, await ga.ticketType(VIP_TEST.eventId), 1);
  ticket = tickets[0]!;
  await h.db.sql`update orders set buyer_name = 'José Ñúñez' where id = (select order_id from tickets where id = ${ticket.id})`;
});

const post = async (payload: object, token = h.tokens.device) => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { nonce: nonce(), ...payload } });
  return { status: res.statusCode, body: res.json() as ScanAnswer };
};
const search = async (q: string, token = h.tokens.door) =>
  h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/door-search?q=${encodeURIComponent(q)}`, headers: h.auth(token) });

describe('finding a person at the door and scanning them by subject', () => {
  it('finds by name without accents or case, by table number and by the last 6 characters of a code', async () => {
    const byName = await search('nunez');
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toContainEqual(expect.objectContaining({ subjectId: ticket.id, kind: 'ticket', holderName: 'José Ñúñez', inside: false }));
    const byTable = (await search('101')).json().items as { kind: string; tableNumber: string }[];
    expect(byTable.filter((i) => i.kind === 'vip_pass' && i.tableNumber === '101')).toHaveLength(8);
    const bySuffix = (await search(ticket.code.slice(-6))).json().items as { subjectId: string }[];
    expect(bySuffix.map((i) => i.subjectId)).toContain(ticket.id);
    expect(((await search('zzzz-nobody')).json().items as unknown[])).toHaveLength(0);
  });

  it('returns at most 20 matches and needs the door role or above', async () => {
    expect(((await search('guest')).json().items as unknown[]).length).toBeLessThanOrEqual(20);
    expect((await search('ana', h.tokens.promoter)).statusCode).toBe(403);
  });

  it('gives a scan by subjectId the same decision as a scan of its code', async () => {
    const first = await post({ subjectId: ticket.id, manual: true });
    expect(first).toMatchObject({ status: 200, body: { decision: 'admit', entryType: 'first_entry', subject: { id: ticket.id } } });
    const again = await post({ code: ticket.code });
    expect(again.body).toMatchObject({ decision: 'deny', reason: 'already_used' });
    const pass = (await h.db.sql`select id from guest_passes where code = ${VIP_TEST.passCodes[7]!}`)[0]!.id as string;
    expect((await post({ subjectId: pass, manual: true })).body).toMatchObject({ decision: 'admit', subject: { kind: 'vip_pass', id: pass } });
  });

  it('refuses a request with both or neither of code and subjectId (400)', async () => {
    expect((await post({ code: VIP_TEST.passCodes[0], subjectId: ticket.id })).status).toBe(400);
    expect((await post({ manual: true })).status).toBe(400);
  });

  it('treats a typed code that fails its signature as a typo (unknown_code, check the code), a camera read as forged', async () => {
    const i = 50;
    const typo = ticket.code.slice(0, i) + (ticket.code[i] === 'A' ? 'B' : 'A') + ticket.code.slice(i + 1);
    const typed = await post({ code: typo, manual: true });
    expect(typed.body).toMatchObject({ decision: 'deny', reason: 'unknown_code', severity: 'deny' });
    expect(typed.body.message).toMatch(/check the code/i);
    expect((await post({ code: typo })).body).toMatchObject({ reason: 'invalid_signature', severity: 'alert' });
  });
});
