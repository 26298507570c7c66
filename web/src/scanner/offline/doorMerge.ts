import type { DoorData, DoorSubject } from '../../../../src/offline/door-data.js';

/** What the phone keeps of door data besides its subjects: replaced whole by every read. */
export type HeldDoor = Omit<DoorData, 'subjects' | 'complete'>;

/** What a read changes: the new head, and either every subject (replace) or the changed ones (merge by id). */
export interface DoorChange { door: HeldDoor; replace: boolean; subjects: DoorSubject[] }

/**
 * How one read of GET /v1/events/{id}/door-data lands on what the phone
 * holds: a complete read replaces everything; a delta is merged by subject
 * id and is only meaningful on top of the same event's data. Keys,
 * revocations and peopleInside are always whole. Null: a delta with nothing
 * (or another event) under it, so the phone must read in full.
 */
export function doorChangeOf(held: HeldDoor | null, data: DoorData): DoorChange | null {
  const { subjects, complete, ...door } = data;
  if (!complete && (held === null || held.event.id !== data.event.id)) return null;
  return { door, replace: complete, subjects };
}

/** The subjects after a change (the in-memory mirror of what doorStore writes). */
export function applyChange(held: ReadonlyMap<string, DoorSubject>, change: DoorChange): Map<string, DoorSubject> {
  const next = change.replace ? new Map<string, DoorSubject>() : new Map(held);
  for (const subject of change.subjects) next.set(subject.id, subject);
  return next;
}
