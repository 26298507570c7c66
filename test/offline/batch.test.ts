import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { admitted, upload, type Answer } from './support.js';

/** POST /v1/scans/batch: order, idempotency, the 413, one scan failing alone. */
describe('offline batch upload', () => {
  const h = useApp();
  const logRows = async (eventId: string) => Number((await h.db.sql`select count(*) from scan_log where event_id = ${eventId}`)[0]!.count);

  async function night(tickets: number) {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId);
    const { tickets: sold } = await ga.tickets(eventId, typeId, tickets);
    const device = await ga.device(eventId);
    return { eventId, codes: sold.map((t) => t.code), token: device.token, deviceId: device.device.id };
  }

  it('answers in request order, writes offline on every row (a live scan: false), and a retried batch replays', async () => {
    const { eventId, codes, token } = await night(3);
    const live = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code: codes[0], nonce: nonce() } });
    expect(live.json()).toMatchObject({ decision: 'admit', offline: false });

    const scans = [admitted(codes[1]!, 30), admitted('NOT-A-CODE', 20, { localDecision: 'deny' }), admitted(codes[2]!, 10),
      admitted(codes[2]!, 5, { direction: 'exit' })];
    const first = await upload(h, token, scans);
    expect(first.status).toBe(200);
    expect(first.body.answers.map((a) => [a.decision, a.entryType ?? a.reason, a.offline, a.replayed])).toEqual([
      ['admit', 'first_entry', true, false], ['deny', 'unknown_code', true, false],
      ['admit', 'first_entry', true, false], ['admit', 'exit', true, false],
    ]);
    const rows = await h.db.sql<{ id: string; offline: boolean }[]>`select id, offline from scan_log where event_id = ${eventId}`;
    expect(rows.filter((r) => r.offline)).toHaveLength(4);
    expect(rows.filter((r) => !r.offline)).toHaveLength(1);

    const again = await upload(h, token, scans);
    expect(again.body.answers.map((a) => a.scanId)).toEqual(first.body.answers.map((a) => a.scanId));
    expect(again.body.answers.every((a) => a.replayed)).toBe(true);
    expect(await logRows(eventId)).toBe(5);
    expect((await checkInvariants(h.db.sql, eventId)).counterMismatches).toBe(0);
  });

  it('answers 413 (problem+json) above 500 scans and writes nothing; 500 go through', async () => {
    const { eventId, codes, token } = await night(1);
    const scans = Array.from({ length: 501 }, (_, i) => admitted(codes[0]!, 600 - i, { localDecision: 'deny' }));
    const refused = await upload(h, token, scans);
    expect(refused.status).toBe(413);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 413, code: 'too_many_scans' });
    expect(await logRows(eventId)).toBe(0);

    const accepted = await upload(h, token, scans.slice(0, 500));
    expect(accepted.status).toBe(200);
    expect(accepted.body.answers).toHaveLength(500);
    expect(await logRows(eventId)).toBe(500);
  });

  it('refuses a malformed scan anywhere in the batch naming it, before anything is written', async () => {
    const { eventId, codes, token } = await night(1);
    const noCode = await upload(h, token, [admitted(codes[0]!, 9), { nonce: nonce(), scannedAt: new Date().toISOString(), offline: true }]);
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors).toEqual([{ field: '/scans/1/code', message: 'exactly one of code and subjectId' }]);
    const badGate = await upload(h, token, [admitted(codes[0]!, 9), admitted(codes[0]!, 8, { gate: 'Nowhere' })]);
    expect(badGate.status).toBe(400);
    expect(badGate.body.errors).toEqual([{ field: '/scans/1/gate', message: 'is not known' }]);
    const noTime = await upload(h, token, [{ code: codes[0], nonce: nonce(), offline: true }]);
    expect(noTime.status).toBe(400);
    expect(JSON.stringify(noTime.body.errors)).toContain('scannedAt');
    expect(await logRows(eventId)).toBe(0);
  });

  it('one scan failing alone costs the others nothing: they keep their decisions, it is answered with its error and goes through when uploaded again', async () => {
    const { eventId, codes, token } = await night(3);
    // A failure no validation can foresee, for one nonce only.
    await h.db.sql.unsafe(`
      create function fail_one_scan() returns trigger language plpgsql as $$
      begin if new.nonce = 'breaks-once' then raise exception 'disk full'; end if; return new; end $$;
      create trigger fail_one_scan before insert on scan_log for each row execute function fail_one_scan();`);
    const scans = [admitted(codes[0]!, 30), admitted(codes[1]!, 20, { nonce: 'breaks-once' }), admitted(codes[2]!, 10)];
    const first = await upload(h, token, scans);
    expect(first.status).toBe(200);
    const [a, failed, c] = first.body.answers as [Answer, { nonce: string; error: { status: number } }, Answer];
    expect(a.decision).toBe('admit');
    expect(failed).toEqual({ nonce: 'breaks-once', error: { status: 500, code: 'scan_failed', detail: 'this scan was not recorded; upload it again' } });
    expect(c.decision).toBe('admit');
    expect(await logRows(eventId)).toBe(2);

    await h.db.sql.unsafe('drop trigger fail_one_scan on scan_log; drop function fail_one_scan();');
    const retry = await upload(h, token, scans);
    expect(retry.body.answers.map((x) => [x.decision, x.replayed])).toEqual([['admit', true], ['admit', false], ['admit', true]]);
    expect(await logRows(eventId)).toBe(3);
    expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ doubleFirstEntries: 0, counterMismatches: 0 });
  });

  it('keeps a refusal made offline: a code the phone turned away is not let in now', async () => {
    const { codes, token } = await night(1);
    const [denied] = (await upload(h, token, [admitted(codes[0]!, 60, { localDecision: 'deny' })])).body.answers;
    expect(denied).toMatchObject({ decision: 'deny', reason: null, message: 'Refused offline', offline: true });
    const live = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(token), payload: { code: codes[0], nonce: nonce() } });
    expect(live.json()).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('takes device tokens and door staff, not promoters or anonymous callers', async () => {
    const { codes } = await night(1);
    expect((await upload(h, h.tokens.door, [admitted(codes[0]!, 5)])).status).toBe(200);
    expect((await upload(h, h.tokens.promoter, [admitted(codes[0]!, 5)])).status).toBe(403);
    const anonymous = await h.app.inject({ method: 'POST', url: '/v1/scans/batch', payload: { scans: [admitted(codes[0]!, 5)] } });
    expect(anonymous.statusCode).toBe(401);
  });
});
