import { describeError } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import type { LiveStatus } from './useLiveEvent.js';

/** A dot that says whether the numbers on screen are live. */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const [label, title] = status.kind === 'live' ? [t('live.live'), t('live.liveTitle')]
    : status.kind === 'connecting' ? [t('live.connecting'), t('live.connectingTitle')]
    : status.kind === 'reconnecting' ? [t('live.reconnecting'), status.message]
    : [t('live.notLive'), describeError(status.error, t)];
  return (
    <span className={`live-badge live-${status.kind}`} title={title} data-testid="live-status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
