import { describeError } from '../api/client.js';
import type { ScanAnswer, Severity } from '../api/types.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { formatClock } from '../shared/format.js';
import type { ScanOutcome } from './useScanQueue.js';

/** What the full-screen answer shows; `error` is a scan the server refused to decide (not a denial). */
export interface AnswerView {
  id: string;
  tone: Severity | 'error';
  title: string;
  message: string;
  details: string[];
  /** What the door person does next (denials, alerts, remarks). */
  next: string | null;
  /** Decided by the phone from its door data: the server did not answer in time. */
  offline: boolean;
  /** Admitted although already inside (no exit since): a shared screenshot looks just like this, so it must stand out. */
  alreadyInside: boolean;
  /** The admission this answer made, which "Undo last scan" can take back (only the server's, not an offline one). */
  admission: { scanId: string; what: string } | null;
}

const TITLES: Record<Severity, MessageKey> = { ok: 'answer.admit', warn: 'answer.check', deny: 'answer.denied', alert: 'answer.alert' };

/**
 * The answer in the door person's language, built from the answer's fields
 * (reason, subject, reservation) rather than the server's English message.
 */
export function answerViewOf(outcome: ScanOutcome, t: Translate): AnswerView {
  const { request } = outcome;
  const code = t('answer.code', { code: request.code ? shorten(request.code) : t('scan.byName') });
  if (outcome.kind === 'failed' || outcome.kind === 'rate_limited') {
    const limited = outcome.kind === 'rate_limited';
    return {
      id: request.nonce, tone: 'error', title: limited ? t('answer.rateLimited') : t('answer.notChecked'),
      message: limited ? t('answer.rateLimitedWait', { s: outcome.error.retryAfter ?? 60 }) : describeError(outcome.error, t),
      details: [code], next: limited ? t('next.rateLimited') : null, offline: false, admission: null, alreadyInside: false,
    };
  }
  const offline = outcome.kind === 'offline';
  const answer = offline ? outcome.decision.answer : outcome.answer;
  const title = answer.decision === 'admit'
    ? answer.insideSince ? t('answer.alreadyInside')
    : answer.entryType === 'exit' ? t('common.exit') : answer.entryType === 'reentry' ? t('common.reentry') : t(TITLES[answer.severity])
    : t(TITLES[answer.severity]);
  if (offline && outcome.decision.cannotCheckOffline) {
    return {
      id: request.nonce, tone: answer.severity, title, message: t('answer.cannotCheckOffline'), details: [code],
      next: t('next.cannotCheckOffline'), offline, admission: null, alreadyInside: false,
    };
  }
  const reason = answer.reason && answer.reason !== 'reentry' ? t(`reason.${answer.reason}`) : null;
  const details = detailsOf(answer, t);
  if (answer.insideSince) details.unshift(t('answer.insideSince', { time: formatClock(answer.insideSince) }));
  if ((answer.reason === 'not_yet_valid' || answer.reason === 'expired') && answer.event) {
    details.unshift(t('answer.eventOn', { name: answer.event.name, date: new Date(answer.event.startsAt).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' }) }));
  }
  if (request.manual) details.push(t('answer.typedIn'));
  if (answer.replayed) details.push(t('answer.replayed'));
  return {
    id: request.nonce, tone: answer.severity, title,
    message: reason ?? (answer.entryType === 'first_entry' ? t('common.firstEntry') : title),
    details,
    next: answer.reason ? t(`next.${answer.reason}`) : null,
    offline,
    alreadyInside: answer.insideSince !== null,
    admission: answer.decision === 'admit' && answer.entryType !== 'exit' && !answer.replayed && !offline
      ? { scanId: answer.scanId, what: whoOf(answer, request.code, t) } : null,
  };
}

/** Whom an answer is about, for the door person to find: the holder, else their table, else the code. */
export function whoOf(answer: ScanAnswer, code: string | null | undefined, t: Translate): string {
  return answer.subject?.holderName ?? (answer.reservation?.tableNumber ? t('answer.table', { number: answer.reservation.tableNumber }) : code ? shorten(code) : t('scan.byName'));
}

/** A guest-list guest: "Guest list · Ana Torres +2", which person of the party ("1 of 3"), and the list's cut-off when it refused them. */
function guestDetails(answer: ScanAnswer, guest: NonNullable<ScanAnswer['guest']>, t: Translate): string[] {
  const name = `${answer.subject?.holderName ?? ''}${guest.plusOnes > 0 ? ` +${guest.plusOnes}` : ''}`;
  const details = [t('answer.guestList', { name })];
  if (answer.entryType === 'first_entry' || answer.reason === 'already_used') details.push(t('answer.partyOf', { n: guest.checkedIn, total: guest.partySize }));
  if (answer.reason === 'expired' && guest.admitUntil) details.push(t('answer.guestListUntil', { time: formatClock(guest.admitUntil) }));
  return details;
}

function detailsOf(answer: ScanAnswer, t: Translate): string[] {
  if (answer.guest) return guestDetails(answer, answer.guest, t);
  const details: string[] = [];
  if (answer.subject?.holderName) details.push(answer.subject.holderName);
  const r = answer.reservation;
  if (answer.subject?.passNumber != null && r?.guestCount != null) details.push(t('answer.guestOf', { n: answer.subject.passNumber, total: r.guestCount }));
  if (r?.tableNumber) details.push(t('answer.table', { number: r.tableNumber }));
  if (r?.guestCount != null && r.checkedInGuests != null) details.push(t('answer.arrivedOf', { n: r.checkedInGuests, total: r.guestCount }));
  if (answer.decision === 'deny' && answer.firstEntry) {
    details.push(t('answer.firstEntryAt', { time: formatClock(answer.firstEntry.at), gate: answer.firstEntry.gate ?? '—', device: answer.firstEntry.deviceName ?? '—' }));
  }
  return details;
}

/** Signed codes are ~120 characters: show the ends. */
export function shorten(code: string): string {
  return code.length > 24 ? `${code.slice(0, 12)}…${code.slice(-6)}` : code;
}
