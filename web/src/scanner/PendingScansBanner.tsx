import { useI18n } from '../i18n/index.js';
import { formatClockSeconds } from '../shared/format.js';
import { shorten } from './answerView.js';
import type { PendingScan } from './useScanQueue.js';

/**
 * Scans sent but not answered yet. Only shown once a try has failed: each
 * keeps its nonce and is retried by itself, and new scans go ahead meanwhile.
 */
export function PendingScansBanner({ pending, onRetry }: { pending: PendingScan[]; onRetry(): void }) {
  const { t } = useI18n();
  const waiting = pending.filter((p) => p.attempts > 0);
  if (waiting.length === 0) return null;
  return (
    <section className="pending-banner" role="status" data-testid="pending-scans">
      <div className="pending-head">
        <strong>{t('scan.pendingTitle')}</strong>
        <span>{waiting.length === 1 ? t('scan.pendingOne') : t('scan.pendingMany', { n: waiting.length })}</span>
        <button type="button" className="button button-small" onClick={onRetry}>{t('scan.retryNow')}</button>
      </div>
      <ul>
        {waiting.map((p) => (
          <li key={p.request.nonce}>
            <span className="mono">{p.request.code ? shorten(p.request.code) : t('scan.byName')}</span>
            <span>{t('scan.pendingItem', { time: formatClockSeconds(p.request.scannedAt), n: p.attempts })}</span>
            {p.lastError && <span className="muted">{p.lastError}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
