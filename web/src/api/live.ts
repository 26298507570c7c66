import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { ApiError } from './client.js';
import type { AttentionItem, ScanLogItem, Stats } from './types.js';

/** What GET /v1/events/{id}/live sends. */
export interface LiveHandlers {
  scan(item: ScanLogItem): void;
  stats(stats: Stats): void;
  /** A reservation changed state (confirm, cancel, …): read it again. */
  reservation(change: { id: string }): void;
  /** An attention item just opened (owners and managers get these). */
  attention(item: AttentionItem): void;
  /** Connected (again): anything missed while away should be read again. */
  open(reconnected: boolean): void;
  /** Lost the stream; it is retried unless `fatal` (401/403/404). */
  error(error: ApiError, fatal: boolean): void;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

class FatalStreamError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/**
 * Follows an event's live feed. EventSource cannot send an Authorization
 * header, so this is fetch-based; it reconnects with backoff on any failure
 * except a refusal (401, 403, 404). Returns a function that stops it.
 */
export function followLiveFeed(eventId: string, headers: Record<string, string>, handlers: LiveHandlers): () => void {
  const controller = new AbortController();
  let failures = 0;
  let opened = 0;
  void fetchEventSource(`/v1/events/${eventId}/live`, {
    headers: { ...headers, accept: EventStreamContentType },
    signal: controller.signal,
    // A wall screen in a back office is often "hidden": keep it live anyway.
    openWhenHidden: true,
    async onopen(response) {
      if (response.ok && response.headers.get('content-type')?.startsWith(EventStreamContentType)) {
        failures = 0;
        handlers.open(opened++ > 0);
        return;
      }
      let detail = '';
      try {
        detail = ((await response.json()) as { detail?: string }).detail ?? '';
      } catch { /* not problem+json */ }
      const error = new ApiError(response.status, response.statusText || 'Live feed refused', detail);
      if ([401, 403, 404].includes(response.status)) throw new FatalStreamError(error);
      throw error;
    },
    onmessage(message) {
      if (!message.data) return;
      const data: unknown = JSON.parse(message.data);
      if (message.event === 'scan') handlers.scan(data as ScanLogItem);
      else if (message.event === 'stats') handlers.stats(data as Stats);
      else if (message.event === 'reservation') handlers.reservation(data as { id: string });
      else if (message.event === 'attention') handlers.attention(data as AttentionItem);
    },
    onclose() {
      // The server ended the stream (a restart, a deploy): reconnect.
      throw new ApiError(0, 'Live feed closed', 'The live feed closed; reconnecting.');
    },
    onerror(error: unknown) {
      if (error instanceof FatalStreamError) {
        handlers.error(error.apiError, true);
        throw error; // stops fetchEventSource
      }
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Live feed lost', 'Reconnecting to the live feed.');
      handlers.error(apiError, false);
      return RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
    },
  }).catch(() => { /* stopped: already reported through handlers.error */ });
  return () => controller.abort();
}
