import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DoorData, DoorSubject } from '../../../../src/offline/door-data.js';
import { decideOffline, plainCodeIndex, type OfflineDecision, type OfflineScan } from '../../../../src/offline/decide-offline.js';
import type { BatchScan, ScanAnswer } from '../../api/types.js';
import { cannotCheckAnswer } from './cannotCheckAnswer.js';
import { applyChange, doorChangeOf, type HeldDoor } from './doorMerge.js';
import {
  includedIn, needsLook, peopleInsideWith, uploadBatch, verdictOfAnswer, withOwnScans, type JournalEntry,
} from './journal.js';

/** A later answer the door person should look at: who to find, what the phone decided, what the server says. */
export interface LookItem { nonce: string; seq: number; code: string | null; localAnswer: ScanAnswer; answer: ScanAnswer }

type StoredEntry = JournalEntry & { localAnswer: ScanAnswer | null };

interface ScannerDb extends DBSchema {
  door: { key: 'head'; value: HeldDoor };
  subjects: { key: string; value: DoorSubject };
  journal: { key: string; value: StoredEntry };
  looks: { key: string; value: LookItem };
}

export const SCANNER_DB = 'maguey-scanner';

/** Where a scan is decided on the phone: the scanner's event and gate, and the time of the scan. */
export interface DecideAt { boundEventId: string | null; gate: string; now: Date }

/**
 * The phone's side of the offline door, kept in IndexedDB so it survives a
 * reload: door data (full, then deltas), this phone's own scans laid over it
 * until the door data includes them, the upload queue, and the later answers
 * that need a look. Changes run one at a time, so a late answer can never
 * overtake the local decision it answers.
 */
export class OfflineDoor {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: IDBPDatabase<ScannerDb>,
    private head: HeldDoor | null,
    private base: Map<string, DoorSubject>,
    /** The plain codes of `base`, read anew with each door-data read. */
    private plainCodes: Map<string, string>,
    private readonly journal: Map<string, StoredEntry>,
    private readonly lookItems: Map<string, LookItem>,
  ) {}

  static async open(name = SCANNER_DB): Promise<OfflineDoor> {
    const db = await openDB<ScannerDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('door');
        db.createObjectStore('subjects', { keyPath: 'id' });
        db.createObjectStore('journal', { keyPath: 'nonce' });
        db.createObjectStore('looks', { keyPath: 'nonce' });
      },
    });
    const [head, subjects, journal, looks] = await Promise.all([
      db.get('door', 'head'), db.getAll('subjects'), db.getAll('journal'), db.getAll('looks'),
    ]);
    return new OfflineDoor(db, head ?? null, new Map(subjects.map((s) => [s.id, s])), plainCodeIndex(subjects),
      new Map(journal.map((e) => [e.nonce, e])), new Map(looks.map((l) => [l.nonce, l])));
  }

  close(): void {
    this.db.close();
  }

  /** Runs one change after the others. */
  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.chain.then(change, change);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The door data's head for `eventId` (null: none held, or another event's). */
  doorOf(eventId: string): HeldDoor | null {
    return this.head?.event.id === eventId ? this.head : null;
  }

  /** The door's subjects with this phone's own scans applied. */
  subjects(): Map<string, DoorSubject> {
    return withOwnScans(this.base, this.journal.values());
  }

  /** People inside as this phone knows it, or null without door data. */
  peopleInside(): number | null {
    return this.head === null ? null : peopleInsideWith(this.head.peopleInside, this.journal.values());
  }

  /** Scans decided on this phone that the server does not have yet. */
  queued(): number {
    let n = 0;
    for (const entry of this.journal.values()) if (entry.upload !== null && entry.settledAt === null) n++;
    return n;
  }

  uploadBatch(limit?: number): BatchScan[] {
    return uploadBatch(this.journal.values(), limit);
  }

  looks(): LookItem[] {
    return [...this.lookItems.values()].sort((a, b) => b.seq - a.seq);
  }

  /**
   * Lands a door-data read that started at `readStartedAt` (ms). False: a
   * delta this phone cannot merge (no data under it), so read in full.
   */
  apply(data: DoorData, readStartedAt: number): Promise<boolean> {
    return this.exclusive(async () => {
      const change = doorChangeOf(this.head, data);
      if (!change) return false;
      const included = includedIn(this.journal.values(), readStartedAt);
      const tx = this.db.transaction(['door', 'subjects', 'journal'], 'readwrite');
      const subjects = tx.objectStore('subjects');
      if (change.replace) void subjects.clear();
      for (const subject of change.subjects) void subjects.put(subject);
      void tx.objectStore('door').put(change.door, 'head');
      for (const nonce of included) void tx.objectStore('journal').delete(nonce);
      await tx.done;
      this.head = change.door;
      this.base = applyChange(this.base, change);
      this.plainCodes = plainCodeIndex(this.base.values());
      for (const nonce of included) this.journal.delete(nonce);
      return true;
    });
  }

  /**
   * Decides a scan the server did not answer in time, and queues it for the
   * batch upload with the nonce it was first sent with.
   */
  decideAndQueue(scan: OfflineScan, upload: Omit<BatchScan, 'localDecision'>, at: DecideAt): Promise<OfflineDecision> {
    return this.exclusive(async () => {
      const door = at.boundEventId === null ? null : this.doorOf(at.boundEventId);
      const subjects = this.subjects();
      const decision = door === null
        ? cannotCheckAnswer(upload.nonce, at.gate, scan.direction, at.now)
        : await decideOffline({
          door: { ...door, subjects: [], complete: true }, subjects, plainCodes: this.plainCodes, peopleInside: this.peopleInside() ?? 0,
          boundEventId: at.boundEventId, gate: at.gate, now: at.now, scanId: upload.nonce,
        }, scan);
      const entry: StoredEntry = {
        nonce: upload.nonce, seq: this.nextSeq(), subjectId: decision.subject?.id ?? null, direction: scan.direction,
        verdict: decision.verdict, upload: { ...upload, localDecision: decision.answer.decision }, settledAt: null,
        localAnswer: decision.answer,
      };
      await this.db.put('journal', entry);
      this.journal.set(entry.nonce, entry);
      return decision;
    });
  }

  /**
   * Takes scans an earlier version of the scanner queued and never decided
   * (earlierQueue.ts) into the upload queue, with their nonces: the server
   * decides them, and replays any it already had. They lay nothing over
   * door data, and one already in the queue is not taken twice.
   */
  adopt(scans: BatchScan[]): Promise<void> {
    return this.exclusive(async () => {
      const first = this.nextSeq();
      const entries: StoredEntry[] = scans.filter((scan) => !this.journal.has(scan.nonce)).map((upload, i) => ({
        nonce: upload.nonce, seq: first + i, subjectId: null, direction: upload.direction ?? 'entry',
        verdict: { reason: null, entryType: null, insideDelta: 0 }, upload, settledAt: null, localAnswer: null,
      }));
      const tx = this.db.transaction('journal', 'readwrite');
      for (const entry of entries) void tx.store.put(entry);
      await tx.done;
      for (const entry of entries) this.journal.set(entry.nonce, entry);
    });
  }

  /** The server answered a scan in time: its effect stays laid over door data until a read includes it. */
  answered(nonce: string, answer: ScanAnswer, direction: JournalEntry['direction']): Promise<void> {
    return this.exclusive(async () => {
      if (answer.decision !== 'admit' || !answer.subject) return;
      const entry: StoredEntry = {
        nonce, seq: this.nextSeq(), subjectId: answer.subject.id, direction, verdict: verdictOfAnswer(answer),
        upload: null, settledAt: Date.now(), localAnswer: null,
      };
      await this.db.put('journal', entry);
      this.journal.set(nonce, entry);
    });
  }

  /**
   * The server's answer to a scan decided here (the upload's, or the slow
   * online request's): the scan is settled; the answer is kept to look at
   * when it disagrees with the phone or opened a conflict.
   */
  settle(nonce: string, answer: ScanAnswer): Promise<LookItem | null> {
    return this.exclusive(async () => {
      const entry = this.journal.get(nonce);
      if (!entry?.upload || entry.settledAt !== null) return null;
      const settled: StoredEntry = { ...entry, settledAt: Date.now() };
      const local = entry.localAnswer;
      const look = local && needsLook(local.decision, answer) ? { nonce, seq: entry.seq, code: entry.upload.code ?? null, localAnswer: local, answer } : null;
      const tx = this.db.transaction(['journal', 'looks'], 'readwrite');
      void tx.objectStore('journal').put(settled);
      if (look) void tx.objectStore('looks').put(look);
      await tx.done;
      this.journal.set(nonce, settled);
      if (look) this.lookItems.set(nonce, look);
      return look;
    });
  }

  /** The door person has looked at it. */
  dismissLook(nonce: string): Promise<void> {
    return this.exclusive(async () => {
      await this.db.delete('looks', nonce);
      this.lookItems.delete(nonce);
    });
  }

  private nextSeq(): number {
    // Time-based, so the order holds across entries already purged (looks keep their seq).
    let max = 0;
    for (const entry of this.journal.values()) max = Math.max(max, entry.seq);
    return Math.max(Date.now(), max + 1);
  }
}
