import type { ScanLogItem } from '../api/types.js';
import type { Translate } from '../i18n/index.js';

/** What a scan was, in one word per meaning: Denied, Exit, Re-entry, First entry (both apps use these). */
export const scanKind = (item: ScanLogItem, t: Translate) => item.decision === 'deny' ? t('common.denied')
  : item.entryType === 'exit' ? t('common.exit') : item.entryType === 'reentry' ? t('common.reentry') : t('common.firstEntry');

/** A scan log row in the reader's language: the reason of a denial, else who and which table ('' when unknown). */
export function scanSummary(item: ScanLogItem, t: Translate): string {
  if (item.reason && item.reason !== 'reentry') return t(`reason.${item.reason}`);
  const table = item.reservation?.tableNumber ? t('answer.table', { number: item.reservation.tableNumber }) : null;
  return [item.subject?.holderName, table].filter(Boolean).join(' · ');
}
