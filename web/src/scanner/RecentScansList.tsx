import type { ScanLogItem } from '../api/types.js';
import { formatClock } from '../shared/format.js';

/** What the list shows of a scan: from the log at first, then from each answer. */
export type RecentScan = Pick<ScanLogItem, 'scanId' | 'severity' | 'recordedAt' | 'message' | 'direction' | 'gate' | 'manual'>;

/** This scanner's last scans, newest first, coloured like their answers. */
export function RecentScansList({ items, error }: { items: RecentScan[]; error: string | null }) {
  return (
    <section className="recent-scans" aria-labelledby="recent-scans-title">
      <h2 id="recent-scans-title">Recent scans</h2>
      {error && <p className="muted">{error}</p>}
      {!error && items.length === 0 && <p className="muted">No scans yet from this scanner.</p>}
      <ol>
        {items.map((item) => (
          <li key={item.scanId} className={`recent-item tone-${item.severity}`}>
            <time dateTime={item.recordedAt}>{formatClock(item.recordedAt)}</time>
            <span className="recent-message">{item.message}</span>
            <span className="recent-meta">
              {item.direction === 'exit' ? 'Exit' : 'Entry'} · Gate {item.gate}{item.manual ? ' · typed' : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
