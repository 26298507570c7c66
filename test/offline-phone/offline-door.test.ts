import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ScanAnswer } from '../../web/src/api/types.js';
import { doorChangeOf } from '../../web/src/scanner/offline/doorMerge.js';
import { OfflineDoor, type DecideAt } from '../../web/src/scanner/offline/offlineDoor.js';
import { doorData, EVENT_ID, singleEntryTicket } from './door-fixture.js';

const at = (): DecideAt => ({ boundEventId: EVENT_ID, gate: 'A', now: new Date() });
const upload = (code: string) => ({ code, nonce: randomUUID(), scannedAt: new Date().toISOString(), direction: 'entry' as const, manual: false, offline: true as const });

/** A door person scanning a code the server did not answer in time. */
async function scanOffline(door: OfflineDoor, code: string) {
  const request = upload(code);
  const decision = await door.decideAndQueue({ code, direction: 'entry', manual: false }, request, at());
  return { ...decision, nonce: request.nonce };
}

/** What the server would answer for an uploaded scan. */
const serverAnswer = (local: ScanAnswer, change: Partial<ScanAnswer>): ScanAnswer => ({ ...local, offline: true, scanId: randomUUID(), ...change });

const freshDoor = () => OfflineDoor.open(`test-${randomUUID()}`);

describe('door data on the phone: a complete read replaces, a delta merges', () => {
  it('merges a delta by subject id only on top of the same event, and always takes keys, revocations and peopleInside whole', async () => {
    const a = await singleEntryTicket('A-1', 'Ana');
    const full = doorData([a]);
    expect(doorChangeOf(null, { ...full, complete: false })).toBeNull();
    const { subjects: _s, complete: _c, ...head } = full;
    expect(doorChangeOf({ ...head, event: { ...head.event, id: randomUUID() } }, { ...full, complete: false })).toBeNull();

    const door = await freshDoor();
    expect(await door.apply({ ...full, complete: false }, Date.now())).toBe(false);
    expect(await door.apply(full, Date.now())).toBe(true);
    const b = await singleEntryTicket('B-1', 'Bruno');
    const revocations = [{ subjectId: b.id, serial: 1 }];
    expect(await door.apply(doorData([b, { ...a, status: 'cancelled' }], { complete: false, cursor: 'c2', peopleInside: 7, revocations }), Date.now())).toBe(true);
    expect([...door.subjects().keys()].sort()).toEqual([a.id, b.id].sort());
    expect(door.subjects().get(a.id)!.status).toBe('cancelled');
    expect(door.doorOf(EVENT_ID)).toMatchObject({ cursor: 'c2', peopleInside: 7, revocations });
    expect(door.peopleInside()).toBe(7);

    // A complete read drops what it does not name.
    await door.apply(doorData([b]), Date.now());
    expect([...door.subjects().keys()]).toEqual([b.id]);
    door.close();
  });
});

describe('offline decisions on the phone', () => {
  it('admits a single-entry ticket once, then says already_used, and a delta that does not know the scan does not undo it, even after a reload', async () => {
    const name = `test-${randomUUID()}`;
    const ticket = await singleEntryTicket('T-1', 'Tina');
    const door = await OfflineDoor.open(name);
    await door.apply(doorData([ticket], { peopleInside: 3 }), Date.now());

    const first = await scanOffline(door, 'T-1');
    expect(first.answer).toMatchObject({ decision: 'admit', entryType: 'first_entry', offline: true, subject: { holderName: 'Tina' } });
    expect(door.peopleInside()).toBe(4);
    expect((await scanOffline(door, 'T-1')).answer).toMatchObject({ decision: 'deny', reason: 'already_used' });

    // The server has not heard of the scan: its delta still says issued.
    await door.apply(doorData([ticket], { complete: false, cursor: 'c2', peopleInside: 3 }), Date.now());
    expect((await scanOffline(door, 'T-1')).answer.reason).toBe('already_used');
    door.close();

    const reloaded = await OfflineDoor.open(name);
    expect(reloaded.queued()).toBe(3);
    expect(reloaded.peopleInside()).toBe(4);
    expect((await scanOffline(reloaded, 'T-1')).answer.reason).toBe('already_used');
    expect(reloaded.uploadBatch().map((s) => s.localDecision)).toEqual(['admit', 'deny', 'deny', 'deny']);
    reloaded.close();
  });

  it('denies a plain code it does not hold as "cannot check offline", and any code when it holds no door data', async () => {
    const door = await freshDoor();
    const none = await scanOffline(door, 'NOBODY-1');
    expect(none).toMatchObject({ cannotCheckOffline: true, answer: { decision: 'deny', reason: 'unknown_code', offline: true } });
    await door.apply(doorData([await singleEntryTicket('K-1', 'Kim')]), Date.now());
    expect(await scanOffline(door, 'NOBODY-2')).toMatchObject({ cannotCheckOffline: true, answer: { decision: 'deny' } });
    expect((await scanOffline(door, 'K-1')).cannotCheckOffline).toBe(false);
    door.close();
  });

  it('keeps an online admission over the door data until a read that started after it, so a fast rescan is already_used', async () => {
    const ticket = await singleEntryTicket('O-1', 'Olga');
    const door = await freshDoor();
    await door.apply(doorData([ticket]), Date.now());
    const local = (await door.decideAndQueue({ code: 'O-1', direction: 'entry', manual: false }, upload('O-1'), at())).answer;
    const fresh = await freshDoor();
    await fresh.apply(doorData([ticket]), Date.now());
    const readBefore = Date.now() - 1;
    await fresh.answered(randomUUID(), serverAnswer(local, { offline: false }), 'entry');
    expect(fresh.peopleInside()).toBe(1);
    await fresh.apply(doorData([ticket], { complete: false, cursor: 'c2' }), readBefore);
    expect((await scanOffline(fresh, 'O-1')).answer.reason).toBe('already_used');

    // A read that started after the answer includes it: the server's own state is what counts then.
    await fresh.apply(doorData([{ ...ticket, status: 'checked_in', inside: true }], { complete: false, cursor: 'c3', peopleInside: 1 }), Date.now() + 1);
    expect(fresh.peopleInside()).toBe(1);
    door.close();
    fresh.close();
  });
});

describe('the upload queue', () => {
  it('uploads oldest first in batches of at most 500, each scan once, and forgets a scan only once a read includes it', async () => {
    const tickets = await Promise.all(Array.from({ length: 620 }, (_, i) => singleEntryTicket(`Q-${i}`, `Guest ${i}`)));
    const door = await freshDoor();
    await door.apply(doorData(tickets), Date.now());
    const nonces: string[] = [];
    for (let i = 0; i < 620; i++) nonces.push((await scanOffline(door, `Q-${i}`)).nonce);
    expect(door.peopleInside()).toBe(620);

    const uploaded: string[] = [];
    while (door.queued() > 0) {
      const batch = door.uploadBatch();
      expect(batch.length).toBeLessThanOrEqual(500);
      for (const scan of batch) {
        uploaded.push(scan.nonce);
        expect(await door.settle(scan.nonce, { ...serverAnswerFor(scan.localDecision!) })).toBeNull();
      }
    }
    expect(uploaded).toEqual(nonces);
    // Settling twice (the batch replays, the late online answer) changes nothing.
    expect(await door.settle(nonces[0]!, serverAnswerFor('deny'))).toBeNull();
    // Uploaded but not yet read back: still laid over the door data, still counted.
    expect(door.peopleInside()).toBe(620);
    expect((await scanOffline(door, 'Q-0')).answer.reason).toBe('already_used');

    const read = Date.now() + 1;
    await door.apply(doorData(tickets.map((t) => ({ ...t, status: 'checked_in' as const, inside: true })), { peopleInside: 620 }), read);
    expect(door.queued()).toBe(1); // the rescan just above, not uploaded yet
    expect(door.peopleInside()).toBe(620);
    door.close();
  });

  it('keeps an answer that disagrees with the phone (or opened a conflict) to look at, across a reload, until dismissed', async () => {
    const name = `test-${randomUUID()}`;
    const [a, b, c] = await Promise.all(['L-1', 'L-2', 'L-3'].map((code, i) => singleEntryTicket(code, `Holder ${i}`)));
    const door = await OfflineDoor.open(name);
    await door.apply(doorData([a!, b!, c!]), Date.now());
    const scans = [await scanOffline(door, 'L-1'), await scanOffline(door, 'L-2'), await scanOffline(door, 'L-3')];
    expect(await door.settle(scans[0]!.nonce, serverAnswer(scans[0]!.answer, {}))).toBeNull();
    expect(await door.settle(scans[1]!.nonce, serverAnswer(scans[1]!.answer, { conflictId: randomUUID() }))).not.toBeNull();
    expect(await door.settle(scans[2]!.nonce, serverAnswer(scans[2]!.answer, { decision: 'deny', reason: 'already_used', entryType: null }))).not.toBeNull();
    door.close();

    const reloaded = await OfflineDoor.open(name);
    const looks = reloaded.looks();
    expect(looks.map((l) => l.localAnswer.subject?.holderName)).toEqual(['Holder 2', 'Holder 1']);
    await reloaded.dismissLook(looks[0]!.nonce);
    expect(reloaded.looks().map((l) => l.nonce)).toEqual([scans[1]!.nonce]);
    reloaded.close();
  });

  it('takes scans an earlier scanner version queued into the upload queue once, undecided, after its own, and settles them with nothing to look at', async () => {
    const name = `test-${randomUUID()}`;
    const door = await OfflineDoor.open(name);
    await door.apply(doorData([await singleEntryTicket('E-1', 'Eva')], { peopleInside: 2 }), Date.now());
    const own = await scanOffline(door, 'E-1');
    const earlier = [{ ...upload('OLD-1'), direction: 'exit' as const }, { ...upload('OLD-2'), gate: 'B' }];
    await door.adopt(earlier);
    await door.adopt(earlier);
    expect(door.queued()).toBe(3);
    expect(door.peopleInside()).toBe(3);
    door.close();

    const reloaded = await OfflineDoor.open(name);
    const batch = reloaded.uploadBatch();
    expect(batch.map((s) => s.nonce)).toEqual([own.nonce, ...earlier.map((s) => s.nonce)]);
    expect(batch.slice(1)).toEqual(earlier);
    for (const scan of batch.slice(1)) expect(await reloaded.settle(scan.nonce, serverAnswerFor('deny'))).toBeNull();
    expect(reloaded.queued()).toBe(1);
    expect(reloaded.looks()).toEqual([]);
    reloaded.close();
  });
});

function serverAnswerFor(decision: 'admit' | 'deny'): ScanAnswer {
  return {
    scanId: randomUUID(), decision, entryType: decision === 'admit' ? 'first_entry' : null, reason: decision === 'admit' ? null : 'already_used',
    severity: decision === 'admit' ? 'ok' : 'deny', message: '', subject: null, reservation: null, firstEntry: null, insideSince: null,
    event: null, guest: null, offline: true, conflictId: null, replayed: false, scannedAt: null, recordedAt: new Date().toISOString(),
  };
}
