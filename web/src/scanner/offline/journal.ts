import type { DoorSubject } from '../../../../src/offline/door-data.js';
import { afterScan, type Verdict } from '../../../../src/offline/decide-offline.js';
import type { BatchScan, Direction, ScanAnswer } from '../../api/types.js';

/**
 * One scan this phone made, kept until the door data it reads includes it.
 * `upload` is set for a scan decided on the phone (or queued undecided by an
 * earlier scanner version): it waits in the upload queue until the server
 * has it (settledAt). A scan the server answered in
 * time is settled at once. Either way its effect (afterScan) is laid over the
 * door data until a read that started after settledAt: a delta must not undo
 * what this phone admitted, and the server's count must not lose it meanwhile.
 */
export interface JournalEntry {
  nonce: string;
  /** Order of the scans on this phone. */
  seq: number;
  subjectId: string | null;
  direction: Direction;
  verdict: Verdict;
  upload: BatchScan | null;
  settledAt: number | null;
}

/** The door's subjects as this phone knows them: the door data with this phone's own scans applied in order. */
export function withOwnScans(base: ReadonlyMap<string, DoorSubject>, journal: Iterable<JournalEntry>): Map<string, DoorSubject> {
  const subjects = new Map(base);
  for (const entry of inOrder(journal)) {
    const subject = entry.subjectId === null ? undefined : subjects.get(entry.subjectId);
    if (subject) subjects.set(subject.id, afterScan(subject, entry.verdict, entry.direction));
  }
  return subjects;
}

/** People inside: the server's count when last read, plus this phone's movements it did not include yet. */
export function peopleInsideWith(serverCount: number, journal: Iterable<JournalEntry>): number {
  let inside = serverCount;
  for (const entry of journal) inside += entry.verdict.insideDelta;
  return Math.max(0, inside);
}

/** Scans to upload, oldest first, at most `limit` (the batch endpoint takes 500). */
export function uploadBatch(journal: Iterable<JournalEntry>, limit = 500): BatchScan[] {
  return inOrder(journal).filter((e) => e.upload !== null && e.settledAt === null).slice(0, limit).map((e) => e.upload!);
}

/** Entries a door-data read that started at `readStartedAt` already includes: the server had them before it. */
export function includedIn(journal: Iterable<JournalEntry>, readStartedAt: number): string[] {
  return [...journal].filter((e) => e.settledAt !== null && e.settledAt < readStartedAt).map((e) => e.nonce);
}

/** What a server answer did, as a verdict to lay over door data (exit −1; an entry +1 unless they were inside already). */
export function verdictOfAnswer(answer: ScanAnswer): Verdict {
  if (answer.decision !== 'admit' || answer.entryType === null) return { reason: answer.reason, entryType: null, insideDelta: 0 };
  const insideDelta = answer.entryType === 'exit' ? -1 : answer.insideSince ? 0 : 1;
  return { reason: answer.reason, entryType: answer.entryType, insideDelta };
}

/** An answer that arrived after the door person moved on and that they should look at: it disagrees with the phone, or opened a conflict. */
export function needsLook(localDecision: 'admit' | 'deny', answer: ScanAnswer): boolean {
  return answer.decision !== localDecision || answer.conflictId !== null;
}

const inOrder = (journal: Iterable<JournalEntry>) => [...journal].sort((a, b) => a.seq - b.seq);
