import { findAttention } from '../db/attention.js';
import type { Sql } from '../db/connect.js';
import type { EventRef } from '../db/keys.js';
import { findScans, scansAfter, type LogPosition } from '../db/scan-feed.js';
import { eventStats } from '../db/stats.js';
import { Subscription, type Listener, type LiveMessage } from './subscription.js';

export type { LiveMessage } from './subscription.js';

const CHANNEL = 'maguey_live';
/** Scans committed within this window share one NOTIFY. */
const FLUSH_MS = 20;
/** At most one stats read per event per window, however many scans arrive. */
const STATS_MS = 250;
/** NOTIFY payloads must stay under 8,000 bytes; ~75 bytes per scan. */
const SCANS_PER_NOTIFY = 90;
/** A replay reads the log in pages of this many scans. */
const REPLAY_PAGE = 1000;

interface Notification {
  scans?: [venueId: string, eventId: string, scanId: string][];
  reservations?: [venueId: string, eventId: string, id: string][];
  /** Attention items just opened; an item of no event goes to every event of its venue. */
  attention?: [venueId: string, eventId: string | null, id: string][];
}

/**
 * Live updates across any number of server processes, through PostgreSQL
 * LISTEN/NOTIFY. A scan is announced after its transaction committed, never
 * inside it: NOTIFY takes a database-wide lock at commit that would queue
 * every scan of every door behind one another. Announcements are batched
 * (a doorbell carrying ids); each process then reads the rows it needs.
 *
 * Notifications sent while a listener is disconnected are lost, so the log
 * is the truth: when the listener connects again, every subscribed event is
 * replayed from the log after the newest scan each client got, and a client
 * that reconnects names the last scan it got (Last-Event-ID) and is replayed
 * from there.
 */
export class LiveHub {
  /** Subscriptions by event id, with the event's venue (every read is venue-scoped). */
  private readonly listeners = new Map<string, { venueId: string; set: Set<Subscription> }>();
  private pending: Notification = {};
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly statsTimers = new Map<string, NodeJS.Timeout>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly sql: Sql, private readonly onError: (error: unknown) => void) {}

  async start(): Promise<void> {
    let listening = false;
    const { unlisten } = await this.sql.listen(CHANNEL, (payload) => {
      this.receive(JSON.parse(payload) as Notification).catch(this.onError);
    }, () => {
      // Called on the first LISTEN and again after every reconnection.
      if (listening) this.replayAll().catch(this.onError);
      listening = true;
    });
    this.unlisten = unlisten;
  }

  /**
   * `from`: the newest scan the client has (null: none, the event's log was
   * empty). With `replay`, the scans after it are read from the log and sent
   * first (a client reconnecting with Last-Event-ID).
   */
  subscribe(event: EventRef, listener: Listener, options: { from: LogPosition | null; replay: boolean }): () => void {
    const subscription = new Subscription(listener, options.from);
    let entry = this.listeners.get(event.eventId);
    if (!entry) this.listeners.set(event.eventId, (entry = { venueId: event.venueId, set: new Set() }));
    const { set } = entry;
    set.add(subscription);
    if (options.replay) {
      subscription.beginReplay();
      this.replay(event, options.from, [subscription])
        .catch(this.onError)
        .finally(() => subscription.endReplay());
    }
    return () => {
      set.delete(subscription);
      if (set.size === 0) this.listeners.delete(event.eventId);
    };
  }

  /** Sends every subscriber of every event what it missed while the listener was away. */
  private async replayAll(): Promise<void> {
    for (const [eventId, { venueId, set }] of this.listeners) {
      const starts = [...set].map((s) => s.replayFrom());
      const from = starts.includes(null) ? null
        : starts.reduce((a, b) => (b!.us < a!.us ? b : a));
      await this.replay({ venueId, eventId }, from, [...set]);
      this.scheduleStats(eventId);
    }
  }

  private async replay(event: EventRef, from: LogPosition | null, to: Subscription[]): Promise<void> {
    for (let after = from; ;) {
      const rows = await scansAfter(this.sql, event, after, REPLAY_PAGE);
      for (const subscription of to) subscription.replayed(rows);
      if (rows.length < REPLAY_PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { us: BigInt(last.recorded_us), id: last.scan_id };
    }
  }

  /** Call after the scan's transaction committed. */
  scanCommitted(venueId: string, eventId: string | null, scanId: string): void {
    if (!eventId) return;
    (this.pending.scans ??= []).push([venueId, eventId, scanId]);
    this.scheduleFlush();
  }

  reservationChanged({ venueId, eventId }: EventRef, reservationId: string): void {
    (this.pending.reservations ??= []).push([venueId, eventId, reservationId]);
    this.scheduleFlush();
  }

  /** Call after the transaction that opened the attention item committed. */
  attentionOpened(venueId: string, eventId: string | null, id: string): void {
    (this.pending.attention ??= []).push([venueId, eventId, id]);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch(this.onError);
    }, FLUSH_MS);
  }

  private async flush(): Promise<void> {
    const { scans = [], reservations = [], attention = [] } = this.pending;
    this.pending = {};
    const payloads: Notification[] = [];
    for (let i = 0; i < scans.length; i += SCANS_PER_NOTIFY) payloads.push({ scans: scans.slice(i, i + SCANS_PER_NOTIFY) });
    for (let i = 0; i < reservations.length; i += SCANS_PER_NOTIFY) payloads.push({ reservations: reservations.slice(i, i + SCANS_PER_NOTIFY) });
    for (let i = 0; i < attention.length; i += SCANS_PER_NOTIFY) payloads.push({ attention: attention.slice(i, i + SCANS_PER_NOTIFY) });
    for (const payload of payloads) await this.sql`select pg_notify(${CHANNEL}, ${JSON.stringify(payload)})`;
  }

  private async receive(notification: Notification): Promise<void> {
    const wanted = (notification.scans ?? []).filter(([, eventId]) => this.listeners.has(eventId));
    for (const venueId of new Set(wanted.map(([v]) => v))) {
      const ids = wanted.filter(([v]) => v === venueId).map(([, , id]) => id);
      for (const row of await findScans(this.sql, venueId, ids)) {
        this.emit(row.event_id!, { type: 'scan', data: row });
      }
    }
    for (const eventId of new Set(wanted.map(([, e]) => e))) this.scheduleStats(eventId);
    for (const [, eventId, id] of notification.reservations ?? []) {
      if (!this.listeners.has(eventId)) continue;
      this.emit(eventId, { type: 'reservation', data: { id } });
      this.scheduleStats(eventId);
    }
    await this.receiveAttention(notification.attention ?? []);
  }

  private async receiveAttention(opened: NonNullable<Notification['attention']>): Promise<void> {
    const listened = (venueId: string, eventId: string | null) => (eventId
      ? (this.listeners.has(eventId) ? [eventId] : [])
      : [...this.listeners].filter(([, entry]) => entry.venueId === venueId).map(([id]) => id));
    const wanted = opened.filter(([venueId, eventId]) => listened(venueId, eventId).length > 0);
    for (const venueId of new Set(wanted.map(([v]) => v))) {
      const ids = wanted.filter(([v]) => v === venueId).map(([, , id]) => id);
      for (const item of await findAttention(this.sql, venueId, ids)) {
        for (const eventId of listened(venueId, item.event_id)) this.emit(eventId, { type: 'attention', data: item });
      }
    }
  }

  private scheduleStats(eventId: string): void {
    if (this.statsTimers.has(eventId)) return;
    this.statsTimers.set(eventId, setTimeout(() => {
      this.statsTimers.delete(eventId);
      const entry = this.listeners.get(eventId);
      if (!entry) return;
      eventStats(this.sql, { venueId: entry.venueId, eventId }).then((data) => this.emit(eventId, { type: 'stats', data }), this.onError);
    }, STATS_MS));
  }

  private emit(eventId: string, message: LiveMessage): void {
    for (const subscription of this.listeners.get(eventId)?.set ?? []) subscription.deliver(message);
  }

  /** Announces what is pending now instead of at the end of the batching window. */
  async flushNow(): Promise<void> {
    if (!this.flushTimer) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flush().catch(this.onError);
  }

  /** Sends what is pending and stops listening. */
  async close(): Promise<void> {
    await this.flushNow();
    for (const timer of this.statsTimers.values()) clearTimeout(timer);
    this.statsTimers.clear();
    await this.unlisten?.();
  }
}
