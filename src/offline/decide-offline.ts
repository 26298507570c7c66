import { parseCode, type CodeClaim } from '../domain/code-format.js';
import type { EntryType, ScanDirection, ScanReason } from '../domain/lists.js';
import { toScanAnswer, type ScanAnswer } from '../domain/scan-answer.js';
import { fromBase64url } from './base64url.js';
import type { DoorData, DoorKey, DoorSubject } from './door-data.js';
import { openName, plainCodeHash } from './sealed-name.js';

/**
 * The phone's decision when the server does not answer in time: the same
 * rules in the same order as decide_scan (db/functions/decide_scan.sql) and
 * the capacity step of redeem_scan, over the door data the phone holds.
 * test/decision/decision-table.test.ts runs every row of the decision table
 * through both and requires the same reason and entry type.
 */

/** What the scan did: as decide_scan's scan_verdict. */
export interface Verdict { reason: ScanReason | null; entryType: EntryType | null; insideDelta: -1 | 0 | 1 }

/** What a scanned text is, once checked against the door data's keys (as src/scan/parse-code.ts on the server). */
export type OfflineCode =
  | { form: 'plain'; text: string }
  | { form: 'claim'; text: string; claim: CodeClaim; key: DoorKey }
  | { form: 'forged' }
  | { form: 'subject'; subjectId: string };

export interface OfflineScan {
  code?: string;
  /** A person picked by name when their code cannot be read. */
  subjectId?: string;
  direction: ScanDirection;
  manual: boolean;
}

export interface OfflineDecision {
  verdict: Verdict;
  /** The subject as the phone held it before this scan (null: not in its door data). */
  subject: DoorSubject | null;
  /** True when the code may be genuine but this phone cannot know: a plain code it does not hold. */
  cannotCheckOffline: boolean;
  /** The answer to show, as the server would word it; offline: true. */
  answer: ScanAnswer;
}

/** Checks a scanned text: a signed code against the door data's keys (a kid it does not hold reads as plain text). */
export async function readOfflineCode(text: string, keys: DoorKey[]): Promise<OfflineCode> {
  const parsed = parseCode(text);
  if (parsed.form === 'plain') return { form: 'plain', text };
  if (parsed.form === 'malformed') return { form: 'forged' };
  const key = keys.find((k) => k.kid === parsed.claim.kid);
  if (!key) return { form: 'plain', text };
  const raw = fromBase64url(key.publicKey);
  if (!raw) return { form: 'forged' };
  const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  const genuine = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey,
    new Uint8Array(parsed.signature), new Uint8Array(parsed.payload));
  return genuine ? { form: 'claim', text, claim: parsed.claim, key } : { form: 'forged' };
}

/** Which subject each plain (unsigned) code names: its hash → the subject's id. Built once per door data. */
export function plainCodeIndex(subjects: Iterable<DoorSubject>): Map<string, string> {
  const index = new Map<string, string>();
  for (const subject of subjects) if (subject.plainCodeHash !== null) index.set(subject.plainCodeHash, subject.id);
  return index;
}

/** The subject a code names, if the door data holds it. */
async function findSubject(code: OfflineCode, subjects: ReadonlyMap<string, DoorSubject>, plainCodes: ReadonlyMap<string, string>): Promise<DoorSubject | null> {
  if (code.form === 'forged') return null;
  if (code.form === 'subject') return subjects.get(code.subjectId) ?? null;
  if (code.form === 'claim') {
    const subject = subjects.get(code.claim.subjectId);
    return subject?.kind === code.claim.kind ? subject : null;
  }
  const id = plainCodes.get(await plainCodeHash(code.text));
  return id === undefined ? null : (subjects.get(id) ?? null);
}

const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/**
 * decide_scan, step for step (its comments number the same steps). The
 * subject is of the door data's event; `boundEventId` is the scanner's. A
 * genuine code of another of the venue's events names a subject this door
 * data does not hold: its key tells that event, for step 2.
 */
export function decideFromFacts(
  subject: DoorSubject | null, code: OfflineCode, manual: boolean, event: DoorData['event'],
  boundEventId: string | null, direction: ScanDirection, now: number,
): Verdict {
  const deny = (reason: ScanReason): Verdict => ({ reason, entryType: null, insideDelta: 0 });
  const admit = (entryType: EntryType, insideDelta: -1 | 0 | 1, reason: ScanReason | null = null): Verdict => ({ reason, entryType, insideDelta });
  // 1. Is it one of ours, and genuine?
  if (code.form === 'forged') return deny(manual ? 'unknown_code' : 'invalid_signature');
  const codeEventId = subject ? event.id : code.form === 'claim' ? code.key.eventId : null;
  if (codeEventId === null) return deny('unknown_code');
  if (subject && code.form === 'claim' && code.key.eventId !== event.id) return deny('invalid_signature');
  // 2. For this door.
  if (boundEventId !== null && boundEventId !== codeEventId) return deny('wrong_event');
  if (!subject) return deny('unknown_code'); // another event's, at a scanner bound to none: only the server holds it
  // 3. Leaving: whoever is inside may always go out.
  const inside = subject.kind === 'guest' ? (subject.party?.inside ?? 0) > 0 : subject.inside;
  if (direction === 'exit') return inside ? admit('exit', -1) : deny('not_inside');
  // 4. Still a valid way in.
  if (subject.status === 'revoked' || (code.form === 'claim' && (code.key.revoked || code.claim.serial !== subject.serial))) return deny('revoked');
  if (subject.status === 'cancelled' || subject.orderStatus === 'cancelled' || subject.orderStatus === 'refunded') return deny('cancelled');
  if (subject.orderStatus === 'pending') return deny('unpaid');
  if (subject.reservationStatus === 'cancelled') return deny('reservation_cancelled');
  if (subject.reservationId !== null && subject.reservationStatus !== 'confirmed' && subject.reservationStatus !== 'checked_in') {
    return deny('reservation_not_confirmed');
  }
  // 5. Now: the event's door window, the ticket type's validity, a guest list's admit_until.
  const [validFrom, validUntil] = [at(subject.validFrom), at(subject.validUntil)];
  if (now < Date.parse(event.doorOpens) || (validFrom !== null && now < validFrom)) return deny('not_yet_valid');
  if (now > Date.parse(event.doorCloses) || (validUntil !== null && now > validUntil)) return deny('expired');
  // 6. The re-entry policy; a guest's code admits the party one person per entry.
  if (subject.kind === 'guest') {
    const party = subject.party ?? { size: 1, entered: 0, inside: 0 };
    if (party.entered < party.size) return admit('first_entry', 1);
    if (party.inside < party.entered) return admit('reentry', 1, 'reentry');
    return deny('already_used');
  }
  const reentry = subject.kind === 'vip_pass' ? event.vipReentry : subject.reentry;
  if (subject.status === 'issued') return admit('first_entry', 1);
  if (reentry === 'never') return deny('already_used');
  if (subject.inside && reentry === 'after_exit') return deny('already_inside');
  return admit('reentry', subject.inside ? 0 : 1, 'reentry');
}

/** The subject as the phone should hold it after a scan it admitted (redeem_scan, step 6). */
export function afterScan(subject: DoorSubject, verdict: Verdict, direction: ScanDirection): DoorSubject {
  if (verdict.entryType === null) return subject;
  if (subject.kind === 'guest') {
    const party = subject.party ?? { size: 1, entered: 0, inside: 0 };
    return {
      ...subject, status: 'checked_in',
      party: { ...party, entered: party.entered + (verdict.entryType === 'first_entry' ? 1 : 0), inside: party.inside + verdict.insideDelta },
    };
  }
  return { ...subject, status: 'checked_in', inside: direction === 'entry' };
}

export interface OfflineContext {
  door: DoorData;
  /** The door data's subjects by id, with this phone's own scans applied (afterScan). */
  subjects: ReadonlyMap<string, DoorSubject>;
  /** The door data's plain codes (plainCodeIndex). */
  plainCodes: ReadonlyMap<string, string>;
  /** People inside as this phone knows it: the server's count plus its own offline movements. */
  peopleInside: number;
  boundEventId: string | null;
  gate: string;
  now: Date;
  /** The local id of this scan's answer (the server gives it another when it uploads). */
  scanId: string;
}

/** Decides a scan from door data, and words the answer as the server would. */
export async function decideOffline(ctx: OfflineContext, scan: OfflineScan): Promise<OfflineDecision> {
  const { door } = ctx;
  const code: OfflineCode = scan.subjectId !== undefined
    ? { form: 'subject', subjectId: scan.subjectId }
    : await readOfflineCode(scan.code ?? '', door.keys);
  const subject = await findSubject(code, ctx.subjects, ctx.plainCodes);
  let verdict = decideFromFacts(subject, code, scan.manual, door.event, ctx.boundEventId, scan.direction, ctx.now.getTime());
  // Capacity (redeem_scan, step 4), only when this entry adds a person inside.
  if (verdict.insideDelta === 1 && door.event.capacity !== null && ctx.peopleInside >= door.event.capacity) {
    verdict = { reason: 'capacity_reached', entryType: null, insideDelta: 0 };
  }
  const holderName = subject && (code.form === 'claim' || code.form === 'plain') ? await openName(code.text, subject.sealedName) : null;
  const cannotCheckOffline = !subject && code.form === 'plain';
  return { verdict, subject, cannotCheckOffline, answer: answerOf(ctx, scan, subject, verdict, holderName) };
}

function answerOf(ctx: OfflineContext, scan: OfflineScan, subject: DoorSubject | null, verdict: Verdict, holderName: string | null): ScanAnswer {
  const { event } = ctx.door;
  const card = subject?.card;
  const now = ctx.now.toISOString();
  const after = subject && afterScan(subject, verdict, scan.direction);
  return toScanAnswer({
    scan_id: ctx.scanId, venue_id: '', event_id: ctx.boundEventId ?? event.id, device_id: null, staff_id: null,
    gate: ctx.gate, direction: scan.direction,
    decision: verdict.entryType === null ? 'deny' : 'admit', entry_type: verdict.entryType, reason: verdict.reason,
    subject_kind: subject?.kind ?? null, subject_id: subject?.id ?? null, reservation_id: subject?.reservationId ?? null,
    offline: true, conflict_id: null, scanned_at: now, recorded_at: now,
    pass_number: card?.passNumber ?? null, holder_name: holderName, table_number: card?.tableNumber ?? null,
    guest_count: card?.guestCount ?? null,
    checked_in_guests: subject?.kind === 'guest' ? (after?.party?.entered ?? null) : null,
    reservation_status: subject?.reservationStatus ?? null,
    first_entry_at: null, first_entry_gate: null, first_entry_device_name: null, inside_since: null,
    subject_event_id: subject ? event.id : null, event_name: subject ? event.name : null,
    event_starts_at: subject ? event.startsAt : null, timezone: event.timezone,
    ticket_type_name: card?.ticketTypeName ?? null, annulled_at: null,
    guest_plus_ones: card?.guestPlusOnes ?? null, guest_list_name: card?.guestListName ?? null,
    admit_until: subject?.kind === 'guest' ? subject.validUntil : null,
  });
}
