import type { AttentionKind, ScanReason } from './lists.js';

/** What an attention item's message is made of (src/db/attention.ts reads it). */
export interface AttentionFacts {
  kind: AttentionKind;
  reason: ScanReason | null;
  scanCount: number;
  scanners: number;
  holderName: string | null;
  scannerName: string | null;
}

const REFUSALS: Partial<Record<ScanReason, string>> = {
  reservation_cancelled: 'its reservation is cancelled', reservation_not_confirmed: 'its reservation is not confirmed',
  not_yet_valid: 'it was not valid yet', expired: 'it had expired', capacity_reached: 'the venue was full',
};

/** One line for the owner: what happened, to whom or where. */
export function attentionMessage(f: AttentionFacts): string {
  const who = f.holderName ? ` · ${f.holderName}` : '';
  const where = f.scannerName ? ` · ${f.scannerName}` : '';
  switch (f.kind) {
    case 'double_admit': return `One code admitted ${f.scanCount} times offline${who}`;
    case 'admitted_while_revoked': return `Admitted offline with a revoked code${who}`;
    case 'admitted_while_cancelled': return `Admitted offline with a cancelled code${who}`;
    case 'admitted_while_unpaid': return `Admitted offline with an unpaid code${who}`;
    case 'admitted_while_invalid': return `Admitted offline though ${(f.reason && REFUSALS[f.reason]) ?? 'the server refuses it'}${who}`;
    case 'clock_skew': return `A scanner's clock is off: its scan times were corrected${where}`;
    case 'code_on_many_devices': return `One code on ${f.scanners} scanners within a minute${who}`;
    case 'unknown_code_burst': return `${f.scanCount} unknown or forged codes in a row${where}`;
    case 'reentry_burst': return `${f.scanCount} re-entries without an exit${who}`;
  }
}
