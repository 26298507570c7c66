import type { ScanLogItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { formatClock } from '../shared/format.js';
import { scanKind, scanSummary } from '../shared/scanWords.js';

/** What the list shows of a scan: from the log at first, then from each answer. */
export type RecentScan = ScanLogItem;

/** This scanner's last scans, newest first, coloured like their answers. */
export function RecentScansList({ items, error }: { items: RecentScan[]; error: string | null }) {
  const { t } = useI18n();
  return (
    <section className="recent-scans" aria-labelledby="recent-scans-title">
      <h2 id="recent-scans-title">{t('scan.recent')}</h2>
      {error && <p className="muted">{error}</p>}
      {!error && items.length === 0 && <p className="muted">{t('scan.noRecent')}</p>}
      <ol>
        {items.map((item) => (
          <li key={item.scanId} className={`recent-item tone-${item.severity}`}>
            <time dateTime={item.recordedAt}>{formatClock(item.recordedAt)}</time>
            <span className="recent-message">{[scanKind(item, t), scanSummary(item, t)].filter(Boolean).join(' · ')}</span>
            <span className="recent-meta">
              {item.direction === 'exit' ? t('common.exit') : t('common.entry')} · {t('common.gateN', { gate: item.gate })}{item.manual ? ` · ${t('common.typed')}` : ''}{item.annulledAt ? ` · ${t('common.undone')}` : ''}{item.offline ? ` · ${t('answer.offlineDecision')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
