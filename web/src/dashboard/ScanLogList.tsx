import { useState } from 'react';
import { describeError } from '../api/client.js';
import type { ScanLogItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { formatClockSeconds } from '../shared/format.js';
import { scanKind, scanSummary } from '../shared/scanWords.js';

/** The server annuls an admission within 15 minutes (annul_scan). */
const UNDO_WINDOW_MS = 15 * 60_000;

/**
 * Undo on the rows the server's annul accepts from this member: their own
 * admissions, or any scanner's for an owner or manager (`anyScanner`).
 */
export interface UndoOption { staffId: string; anyScanner: boolean; onUndo(scanId: string): Promise<void> }

const undoable = (item: ScanLogItem, undo: UndoOption) => item.decision === 'admit' && item.entryType !== 'exit' && !item.annulledAt
  && (undo.anyScanner || (item.staffId === undo.staffId && item.deviceId === null))
  && Date.now() - new Date(item.recordedAt).getTime() < UNDO_WINDOW_MS;

/** Scan log rows, newest first, coloured like the answer the door saw; entries, re-entries and exits named as such. */
export function ScanLogList({ items, empty, undo }: { items: ScanLogItem[]; empty: string; undo?: UndoOption }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      {error && <p className="banner banner-error" role="alert">{error}</p>}
      <ol className="scan-log" data-testid="scan-log">
        {items.map((item) => (
          <li key={item.scanId} className={`scan-row tone-${item.severity}${item.annulledAt ? ' annulled' : ''}`} data-scan-id={item.scanId}>
            <time dateTime={item.recordedAt}>{formatClockSeconds(item.recordedAt)}</time>
            <div className="scan-main">
              <span className="scan-message">{scanSummary(item, t) || scanKind(item, t)}</span>
              <span className="scan-meta">
                {item.direction === 'exit' ? t('common.exit') : t('common.entry')} · {t('common.gateN', { gate: item.gate })}
                {item.deviceName ? ` · ${item.deviceName}` : ''}
              </span>
            </div>
            <div className="scan-tags">
              <span className={`chip decision-${item.decision}`}>{scanKind(item, t)}</span>
              {item.manual && <span className="chip">{t('common.typed')}</span>}
              {item.offline && <span className="chip">{t('common.offline')}</span>}
              {item.annulledAt && <span className="chip">{t('common.undone')}</span>}
              {undo && undoable(item, undo) && (
                <ConfirmButton className="button button-small" confirmLabel={t('scans.undoConfirm')}
                  onConfirm={() => { setError(null); undo.onUndo(item.scanId).catch((e: unknown) => setError(describeError(e, t))); }}>
                  {t('scans.undo')}
                </ConfirmButton>
              )}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
