import { describeError } from '../api/client.js';
import type { Severity } from '../api/types.js';
import { formatClockSeconds } from '../shared/format.js';
import type { ScanOutcome } from './useScanQueue.js';

/** What the full-screen answer shows; `error` is a scan the server refused to decide (not a denial). */
export interface AnswerView {
  id: string;
  tone: Severity | 'error';
  title: string;
  message: string;
  details: string[];
  /** Said when the answer is not about the person in front right now. */
  note: string | null;
  /** Admitted although already inside (no exit since): a shared screenshot looks just like this, so it must stand out. */
  alreadyInside: boolean;
}

const TITLES: Record<Severity, string> = { ok: 'Admit', warn: 'Check', deny: 'Denied', alert: 'Alert' };

export function answerViewOf(outcome: ScanOutcome): AnswerView {
  const { request } = outcome.scan;
  if (outcome.kind === 'failed') {
    return {
      id: request.nonce, tone: 'error', title: 'Not checked', message: describeError(outcome.error),
      details: [request.code ? `Code ${shorten(request.code)}` : 'Picked by name'], note: null, alreadyInside: false,
    };
  }
  const { answer, delayed } = outcome;
  const title = answer.decision === 'admit'
    ? answer.insideSince ? 'Already inside'
    : answer.entryType === 'exit' ? 'Exit' : answer.entryType === 'reentry' ? 'Re-entry' : TITLES[answer.severity]
    : TITLES[answer.severity];
  const details: string[] = [];
  if (answer.subject?.holderName) details.push(answer.subject.holderName);
  const r = answer.reservation;
  if (r?.guestCount != null && r.checkedInGuests != null) details.push(`${r.checkedInGuests} of ${r.guestCount} arrived`);
  if (request.manual) details.push('Typed in');
  if (answer.replayed) details.push('Same scan answered again');
  // "Re-entry · Guest 6 of 8 · Table 101" under a "Re-entry" title says it twice.
  const [first, ...rest] = answer.message.split(' · ');
  const message = rest.length > 0 && first?.toLowerCase() === title.toLowerCase() ? rest.join(' · ') : answer.message;
  return {
    id: request.nonce, tone: answer.severity, title, message, details, alreadyInside: answer.insideSince !== null,
    note: delayed ? `Answer for the scan at ${formatClockSeconds(request.scannedAt)} (was offline)` : null,
  };
}

/** Signed codes are ~120 characters: show the ends. */
export function shorten(code: string): string {
  return code.length > 24 ? `${code.slice(0, 12)}…${code.slice(-6)}` : code;
}
