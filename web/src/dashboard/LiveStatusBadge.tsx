import { describeError } from '../api/client.js';
import type { LiveStatus } from './useLiveEvent.js';

/** A dot that says whether the numbers on screen are live. */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const [label, title] = status.kind === 'live' ? ['Live', 'Updates arrive as they happen']
    : status.kind === 'connecting' ? ['Connecting', 'Opening the live feed']
    : status.kind === 'reconnecting' ? ['Reconnecting', status.message]
    : ['Not live', describeError(status.error)];
  return (
    <span className={`live-badge live-${status.kind}`} title={title} data-testid="live-status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
