import type { ScanLogItem } from '../api/types.js';
import { formatClockSeconds, humanize } from '../shared/format.js';

/** Scan log rows, newest first, coloured like the answer the door saw. */
export function ScanLogList({ items, empty }: { items: ScanLogItem[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="scan-log" data-testid="scan-log">
      {items.map((item) => (
        <li key={item.scanId} className={`scan-row tone-${item.severity}`} data-scan-id={item.scanId}>
          <time dateTime={item.recordedAt}>{formatClockSeconds(item.recordedAt)}</time>
          <div className="scan-main">
            <span className="scan-message">{item.message}</span>
            <span className="scan-meta">
              {item.direction === 'exit' ? 'Exit' : 'Entry'} · Gate {item.gate}
              {item.deviceName ? ` · ${item.deviceName}` : ''}
              {item.subject?.holderName ? ` · ${item.subject.holderName}` : ''}
            </span>
          </div>
          <div className="scan-tags">
            <span className={`chip decision-${item.decision}`}>{item.decision === 'admit' ? humanize(item.entryType ?? 'admit') : 'Denied'}</span>
            {item.manual && <span className="chip">Typed</span>}
            {item.offline && <span className="chip">Offline</span>}
            {item.annulledAt && <span className="chip">Annulled</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
