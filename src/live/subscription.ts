import type { AttentionRow } from '../db/attention.js';
import type { FeedScanRow, LogPosition } from '../db/scan-feed.js';
import type { EventStats } from '../db/stats.js';

export type LiveMessage =
  | { type: 'scan'; data: FeedScanRow }
  | { type: 'stats'; data: EventStats }
  | { type: 'reservation'; data: { id: string } }
  | { type: 'attention'; data: AttentionRow };

export type Listener = (message: LiveMessage) => void;

/**
 * A scan's recorded time is its transaction's start, so scans can commit a
 * little out of that order; a replay after a lost connection reaches this
 * far behind the newest scan sent, and what was sent already is skipped.
 */
const REORDER_MARGIN_US = 5_000_000n;
const SMALLEST_UUID = '00000000-0000-0000-0000-000000000000';

export const positionOf = (row: FeedScanRow): LogPosition => ({ us: BigInt(row.recorded_us), id: row.scan_id });

/** The SSE event id of a scan. */
export const formatPosition = (p: LogPosition): string => `${p.us}_${p.id}`;
export const POSITION_PATTERN = '^[0-9]{1,18}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** Reads an id formatPosition wrote (the route's schema checked its shape). */
export function parsePosition(text: string): LogPosition {
  const [us, id] = text.split('_') as [string, string];
  return { us: BigInt(us), id };
}

function isAfter(a: LogPosition, b: LogPosition): boolean {
  return a.us > b.us || (a.us === b.us && a.id > b.id);
}

/**
 * One client of the live feed: sends each scan once, remembers the newest
 * position sent, and holds live messages back while its own replay runs so
 * the client sees the log in order.
 */
export class Subscription {
  private newest: LogPosition | null;
  /** Scan ids sent within the reorder margin of the newest, with their time. */
  private readonly sent = new Map<string, bigint>();
  private held: LiveMessage[] | null = null;

  /** `from`: the position the client already has (null: the log was empty). */
  constructor(private readonly listener: Listener, private readonly from: LogPosition | null) {
    this.newest = from;
  }

  /** Where a replay for this client starts: null means the whole log of the event. */
  replayFrom(): LogPosition | null {
    return this.newest && { us: this.newest.us - REORDER_MARGIN_US, id: SMALLEST_UUID };
  }

  deliver(message: LiveMessage): void {
    if (this.held) this.held.push(message);
    else this.send(message);
  }

  /** Live messages wait until endReplay(). */
  beginReplay(): void {
    this.held ??= [];
  }

  replayed(rows: FeedScanRow[]): void {
    for (const row of rows) this.send({ type: 'scan', data: row });
  }

  endReplay(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const message of held) this.send(message);
  }

  private send(message: LiveMessage): void {
    if (message.type === 'scan') {
      const position = positionOf(message.data);
      if (this.sent.has(position.id) || (this.from && !isAfter(position, this.from))) return;
      this.sent.set(position.id, position.us);
      if (!this.newest || isAfter(position, this.newest)) this.newest = position;
      if (this.sent.size % 256 === 0) this.forgetOld();
    }
    this.listener(message);
  }

  private forgetOld(): void {
    const horizon = this.newest!.us - REORDER_MARGIN_US;
    for (const [id, us] of this.sent) if (us < horizon) this.sent.delete(id);
  }
}
