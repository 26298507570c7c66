import type { Sql } from '../db/connect.js';
import type { EventRef } from '../db/keys.js';
import { findScans, type ScanLogRow } from '../db/scans.js';
import { eventStats, type EventStats } from '../db/stats.js';

export type LiveMessage =
  | { type: 'scan'; data: ScanLogRow }
  | { type: 'stats'; data: EventStats }
  | { type: 'reservation'; data: { id: string } };

type Listener = (message: LiveMessage) => void;

const CHANNEL = 'maguey_live';
/** Scans committed within this window share one NOTIFY. */
const FLUSH_MS = 20;
/** At most one stats read per event per window, however many scans arrive. */
const STATS_MS = 250;
/** NOTIFY payloads must stay under 8,000 bytes; ~75 bytes per scan. */
const SCANS_PER_NOTIFY = 90;

interface Notification {
  scans?: [venueId: string, eventId: string, scanId: string][];
  reservations?: [venueId: string, eventId: string, id: string][];
}

/**
 * Live updates across any number of server processes, through PostgreSQL
 * LISTEN/NOTIFY. A scan is announced after its transaction committed, never
 * inside it: NOTIFY takes a database-wide lock at commit that would queue
 * every scan of every door behind one another. Announcements are batched
 * (a doorbell carrying ids); each process then reads the rows it needs.
 */
export class LiveHub {
  /** Listeners by event id, with the event's venue (every read is venue-scoped). */
  private readonly listeners = new Map<string, { venueId: string; set: Set<Listener> }>();
  private pending: Notification = {};
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly statsTimers = new Map<string, NodeJS.Timeout>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly sql: Sql, private readonly onError: (error: unknown) => void) {}

  async start(): Promise<void> {
    const { unlisten } = await this.sql.listen(CHANNEL, (payload) => {
      this.receive(JSON.parse(payload) as Notification).catch(this.onError);
    });
    this.unlisten = unlisten;
  }

  subscribe({ venueId, eventId }: EventRef, listener: Listener): () => void {
    let entry = this.listeners.get(eventId);
    if (!entry) this.listeners.set(eventId, (entry = { venueId, set: new Set() }));
    const { set } = entry;
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(eventId);
    };
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

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch(this.onError);
    }, FLUSH_MS);
  }

  private async flush(): Promise<void> {
    const { scans = [], reservations = [] } = this.pending;
    this.pending = {};
    const payloads: Notification[] = [];
    for (let i = 0; i < scans.length; i += SCANS_PER_NOTIFY) payloads.push({ scans: scans.slice(i, i + SCANS_PER_NOTIFY) });
    for (let i = 0; i < reservations.length; i += SCANS_PER_NOTIFY) payloads.push({ reservations: reservations.slice(i, i + SCANS_PER_NOTIFY) });
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
    for (const listener of this.listeners.get(eventId)?.set ?? []) listener(message);
  }

  /** Sends what is pending and stops listening. */
  async close(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      await this.flush().catch(this.onError);
    }
    for (const timer of this.statsTimers.values()) clearTimeout(timer);
    this.statsTimers.clear();
    await this.unlisten?.();
  }
}
