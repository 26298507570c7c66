import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { checkInvariants } from '../../src/db/invariants.js';
import { admitted, upload } from './support.js';

interface Item { id: string; kind: string; reason: string | null; scanIds: string[]; subjectId: string | null; status: string; message: string }

/** Offline scans placed by scan time; admissions that happened stay admissions, with their conflict. */
describe('placing offline scans by scan time', () => {
  const h = useApp();

  async function night(tickets: number, devices = 2) {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId); // GA default: single entry (re-entry never)
    const { tickets: sold, orderId } = await ga.tickets(eventId, typeId, tickets);
    const scanners = [];
    for (let i = 0; i < devices; i++) scanners.push(await ga.device(eventId, String.fromCharCode(65 + i)));
    return { eventId, orderId, tickets: sold, tokens: scanners.map((s) => s.token) };
  }
  const attention = async (eventId: string, status = 'open') =>
    (await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/attention?status=${status}`, headers: h.auth(h.tokens.owner) })).json() as { items: Item[] };
  const firstEntryOf = async (ticketId: string) =>
    (await h.db.sql<{ first_entry_scan_id: string }[]>`select first_entry_scan_id from tickets where id = ${ticketId}`)[0]!.first_entry_scan_id;
  const stats = async (eventId: string) =>
    (await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/stats`, headers: h.auth(h.tokens.owner) })).json() as { inside: number; admittedPeople: number };

  for (const order of ['later scan uploaded first', 'earlier scan uploaded first'] as const) {
    it(`two offline admissions of one single-entry ticket: the earlier scan time is the first entry (${order}); one conflict, one item`, async () => {
      const { eventId, tickets: [ticket], tokens: [a, b] } = await night(1);
      const early = admitted(ticket!.code, 120); // phone A, two minutes ago
      const late = admitted(ticket!.code, 60);   // phone B, a minute ago
      const uploads = order === 'later scan uploaded first' ? [[b!, late], [a!, early]] as const : [[a!, early], [b!, late]] as const;
      const answers = [];
      for (const [token, scan] of uploads) answers.push((await upload(h, token, [scan])).body.answers[0]!);
      const [earlyAnswer, lateAnswer] = order === 'later scan uploaded first' ? [answers[1]!, answers[0]!] : [answers[0]!, answers[1]!];

      expect(answers.every((x) => x.decision === 'admit' && x.offline)).toBe(true);
      expect(await firstEntryOf(ticket!.id)).toBe(earlyAnswer.scanId);
      const { items } = await attention(eventId);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'double_admit', reason: 'already_used', subjectId: ticket!.id, status: 'open' });
      expect(new Set(items[0]!.scanIds)).toEqual(new Set([earlyAnswer.scanId, lateAnswer.scanId]));
      // The scan uploaded second is the one the rules refused: it carries the conflict.
      const second = answers[1]!;
      expect(second.conflictId).toBe(items[0]!.id);
      expect(second.reason).toBe('already_used');
      expect(second.message).toMatch(/^Admitted offline · Already used/);
      expect(answers[0]!.conflictId).toBeNull();
      // Two people came in: both count.
      expect(await stats(eventId)).toMatchObject({ inside: 2 });
      expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ doubleFirstEntries: 0, conflictsWithoutItem: 0, counterMismatches: 0, reservationMismatches: 0 });
      // Online, the ticket is used.
      const live = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(a!), payload: { code: ticket!.code, nonce: nonce() } });
      expect(live.json()).toMatchObject({ decision: 'deny', reason: 'already_used' });
    });
  }

  it('two devices uploading the same codes at once, on separate connections: exact counts against the log, one conflict and one item per code', async () => {
    const codes = 12;
    const { eventId, tickets, tokens: [a, b] } = await night(codes);
    // A scanned every code 3 minutes ago, B a minute ago; both admitted offline.
    const fromA = tickets.map((t) => admitted(t.code, 180));
    const fromB = tickets.map((t) => admitted(t.code, 60));
    const [ra, rb] = await Promise.all([upload(h, a!, fromA), upload(h, b!, fromB)]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    for (let i = 0; i < codes; i++) expect(await firstEntryOf(tickets[i]!.id)).toBe(ra.body.answers[i]!.scanId);
    const conflicts = [...ra.body.answers, ...rb.body.answers].filter((x) => x.conflictId);
    expect(conflicts).toHaveLength(codes);
    const { items } = await attention(eventId);
    expect(items.filter((i) => i.kind === 'double_admit')).toHaveLength(codes);
    expect(new Set(conflicts.map((c) => c.conflictId))).toEqual(new Set(items.map((i) => i.id)));
    const [log] = await h.db.sql<{ rows: number; admitted: number; inside: number }[]>`
      select count(*)::int as rows, count(*) filter (where decision = 'admit')::int as admitted, sum(inside_delta)::int as inside
        from scan_log where event_id = ${eventId}`;
    expect(log).toEqual({ rows: 2 * codes, admitted: 2 * codes, inside: 2 * codes });
    expect(await stats(eventId)).toMatchObject({ inside: 2 * codes });
    expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ doubleFirstEntries: 0, conflictsWithoutItem: 0, counterMismatches: 0, logRows: 2 * codes });
  });

  async function multiEntry() {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId, { reentry: 'always' });
    const { tickets: [ticket] } = await ga.tickets(eventId, typeId, 1);
    const tokens = [(await ga.device(eventId, 'A')).token, (await ga.device(eventId, 'B')).token];
    return { eventId, ticket: ticket!, tokens };
  }
  const insideOf = async (ticketId: string) => (await h.db.sql<{ inside: boolean }[]>`select inside from tickets where id = ${ticketId}`)[0]!.inside;

  it('an offline exit uploaded after a later re-entry is recorded, and leaves the person inside and the counts as they were', async () => {
    const { eventId, ticket, tokens: [a, b] } = await multiEntry();
    await upload(h, a!, [admitted(ticket.code, 900)]);                    // in at 21:45 (offline on A)
    const back = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(b!), payload: { code: ticket.code, nonce: nonce() } });
    expect(back.json()).toMatchObject({ decision: 'admit', entryType: 'reentry' }); // in again now, online on B
    const [exit] = (await upload(h, a!, [admitted(ticket.code, 300, { direction: 'exit' })])).body.answers; // out at 21:55, uploaded now
    expect(exit).toMatchObject({ decision: 'admit', entryType: 'exit', reason: 'superseded', offline: true, message: expect.stringMatching(/^Exit · recorded, a later scan came first/) });
    expect(await insideOf(ticket.id)).toBe(true);
    expect(await stats(eventId)).toMatchObject({ inside: 1 });
    const [row] = await h.db.sql`select inside_delta from scan_log where id = ${exit!.scanId}`;
    expect(row!.inside_delta).toBe(0);
    expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ counterMismatches: 0, doubleFirstEntries: 0 });
    // Leaving now works as ever.
    const out = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(b!), payload: { code: ticket.code, nonce: nonce(), direction: 'exit' } });
    expect(out.json()).toMatchObject({ decision: 'admit', entryType: 'exit', reason: null });
    expect(await stats(eventId)).toMatchObject({ inside: 0 });
  });

  it('an offline exit and re-entry uploaded after a later exit are recorded and leave the person outside', async () => {
    const { eventId, ticket, tokens: [a, b] } = await multiEntry();
    await upload(h, a!, [admitted(ticket.code, 900)]);
    const out = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(b!), payload: { code: ticket.code, nonce: nonce(), direction: 'exit' } });
    expect(out.json()).toMatchObject({ decision: 'admit', entryType: 'exit' });
    const { answers } = (await upload(h, a!, [admitted(ticket.code, 600, { direction: 'exit' }), admitted(ticket.code, 300)])).body;
    expect(answers.map((x) => [x.decision, x.entryType, x.reason])).toEqual([['admit', 'exit', 'superseded'], ['admit', 'reentry', 'superseded']]);
    expect(answers[1]!.message).toMatch(/^Re-entry · recorded, a later scan came first/);
    expect(await insideOf(ticket.id)).toBe(false);
    expect(await stats(eventId)).toMatchObject({ inside: 0 });
    expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ counterMismatches: 0, doubleFirstEntries: 0 });
    // Uploaded in scan order, before anything later, the same scans move the person as ever.
    const other = await multiEntry();
    const inOrder = (await upload(h, other.tokens[0]!, [admitted(other.ticket.code, 900), admitted(other.ticket.code, 600, { direction: 'exit' }), admitted(other.ticket.code, 300)])).body.answers;
    expect(inOrder.map((x) => [x.entryType, x.reason])).toEqual([['first_entry', null], ['exit', null], ['reentry', 'reentry']]);
    expect(await insideOf(other.ticket.id)).toBe(true);
  });

  it('an offline admission of a revoked code stays an admission: inside, counted, admitted_while_revoked', async () => {
    const { eventId, tickets: [ticket], tokens: [a] } = await night(1, 1);
    await h.db.sql`update tickets set status = 'revoked' where id = ${ticket!.id}`;
    const [answer] = (await upload(h, a!, [admitted(ticket!.code, 30)])).body.answers;
    expect(answer).toMatchObject({ decision: 'admit', entryType: 'first_entry', reason: 'revoked', offline: true });
    const { items } = await attention(eventId);
    expect(items).toMatchObject([{ kind: 'admitted_while_revoked', reason: 'revoked', id: answer!.conflictId, scanIds: [answer!.scanId] }]);
    expect(await stats(eventId)).toMatchObject({ inside: 1 });
    const [t] = await h.db.sql`select status, inside from tickets where id = ${ticket!.id}`;
    expect(t).toEqual({ status: 'revoked', inside: true });
    // Leaving works like any exit; coming back in online is refused.
    const exit = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(a!), payload: { code: ticket!.code, nonce: nonce(), direction: 'exit' } });
    expect(exit.json()).toMatchObject({ decision: 'admit', entryType: 'exit' });
    const back = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(a!), payload: { code: ticket!.code, nonce: nonce() } });
    expect(back.json()).toMatchObject({ decision: 'deny', reason: 'revoked' });
    expect(await checkInvariants(h.db.sql, eventId)).toMatchObject({ counterMismatches: 0, conflictsWithoutItem: 0 });
  });

  it('an unknown code admitted offline stays refused: there is nobody to let in', async () => {
    const { tokens: [a] } = await night(0, 1);
    const [answer] = (await upload(h, a!, [admitted('NO-SUCH-CODE', 30)])).body.answers;
    expect(answer).toMatchObject({ decision: 'deny', reason: 'unknown_code', conflictId: null });
  });

  it('clamps a device clock: the future to now, before the door window to its opening; flags it with one clock_skew item per scanner', async () => {
    const { eventId, tickets, tokens: [a] } = await night(3, 1);
    const before = Date.now();
    const future = admitted(tickets[0]!.code, -3600);                                        // an hour ahead
    const ancient = { ...admitted(tickets[1]!.code, 0), scannedAt: '2001-01-01T00:00:00Z' }; // before the door opened
    const slightlyAhead = admitted(tickets[2]!.code, -60);                                   // within the skew allowed
    const { answers } = (await upload(h, a!, [future, ancient, slightlyAhead])).body;
    expect(answers.map((x) => x.decision)).toEqual(['admit', 'admit', 'admit']);
    expect(new Date(answers[0]!.scannedAt!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(answers[0]!.scannedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [event] = await h.db.sql<{ opens: Date }[]>`
      select coalesce(doors_open_at, starts_at) - make_interval(mins => early_entry_minutes) as opens from events where id = ${eventId}`;
    expect(new Date(answers[1]!.scannedAt!).getTime()).toBe(event!.opens.getTime());
    const flags = await h.db.sql<{ clock_skewed: boolean }[]>`select clock_skewed from scan_log where event_id = ${eventId} order by scanned_at desc`;
    expect(flags.map((f) => f.clock_skewed).sort()).toEqual([false, true, true]);
    const { items } = await attention(eventId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'clock_skew' });
    expect(items[0]!.scanIds).toHaveLength(2);
  });
});
