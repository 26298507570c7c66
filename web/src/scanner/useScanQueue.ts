import { useCallback, useEffect, useRef, useState } from 'react';
import type { OfflineDecision } from '../../../src/offline/decide-offline.js';
import { ApiError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { BatchScan, Direction, ScanAnswer, ScanRequest } from '../api/types.js';
import { newNonce } from '../shared/nonce.js';
import { adoptEarlierQueue } from './offline/earlierQueue.js';
import { OfflineDoor, type LookItem } from './offline/offlineDoor.js';

/** A scan as it was sent: its nonce is kept for the batch upload, so the server counts it once. */
export type SentScan = ScanRequest & { nonce: string; scannedAt: string; direction: Direction };

/**
 * What became of a scan. `late`: the server's answer came after the phone had
 * decided (the slow request, or the upload): it never takes the door's screen.
 */
export type ScanOutcome =
  | { kind: 'answer'; answer: ScanAnswer; request: SentScan; late: boolean; look: LookItem | null }
  | { kind: 'offline'; decision: OfflineDecision; request: SentScan }
  | { kind: 'rate_limited'; error: ApiError; request: SentScan }
  | { kind: 'failed'; error: ApiError; request: SentScan };

/** A code read or typed, or a person picked by name (door search): exactly one of code and subjectId. */
export type ScanInput = ({ code: string; subjectId?: never } | { subjectId: string; code?: never }) & { direction: Direction; gate: string; manual: boolean };

/** What the door's status line shows. */
export interface DoorStatus {
  online: boolean;
  eventName: string | null;
  peopleInside: number | null;
  /** Scans decided on the phone that the server does not have yet. */
  queued: number;
  looks: LookItem[];
}

/** How often door data is read (a delta) and the queue uploaded while the app is open. */
const SYNC_EVERY_MS = 3_000;
const BATCH_LIMIT = 500;

/**
 * Every scan goes to POST /v1/scans. When no answer comes within
 * `offlineAfterMs` (or the network fails at once), the phone decides from its
 * door data, shows that as an offline decision and queues the scan for
 * POST /v1/scans/batch with the same nonce: if the slow request did reach the
 * server after all, the batch replays it instead of counting it again.
 */
export function useScanQueue({ api, eventId, offlineAfterMs, onOutcome, onUnauthorized }: {
  api: Endpoints;
  eventId: string | null;
  offlineAfterMs: number;
  onOutcome(outcome: ScanOutcome): void;
  onUnauthorized(): void;
}) {
  const doorRef = useRef<Promise<OfflineDoor> | null>(null);
  const [status, setStatus] = useState<DoorStatus>({ online: navigator.onLine, eventName: null, peopleInside: null, queued: 0, looks: [] });
  const [checking, setChecking] = useState<string | null>(null);
  const outcomeRef = useRef(onOutcome);
  outcomeRef.current = onOutcome;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;
  const online = useRef(navigator.onLine);

  // Opened once; scans an earlier scanner version left queued join its upload queue first.
  const door = useCallback(() => (doorRef.current ??= OfflineDoor.open().then(adoptEarlierQueue)), []);
  useEffect(() => () => {
    void doorRef.current?.then((d) => d.close());
    doorRef.current = null;
  }, []);

  const refresh = useCallback(async () => {
    const d = await door();
    const held = eventId === null ? null : d.doorOf(eventId);
    setStatus({ online: online.current, eventName: held?.event.name ?? null, peopleInside: held ? d.peopleInside() : null, queued: d.queued(), looks: d.looks() });
  }, [door, eventId]);

  /** Whether the server is reachable, from what the last call got: an answer, or none at all. */
  const reached = useCallback((error: unknown) => {
    online.current = !(error instanceof ApiError && (error.isNetwork || error.status >= 502));
    if (error instanceof ApiError && error.status === 401) unauthorizedRef.current();
  }, []);

  const emit = useCallback((outcome: ScanOutcome) => {
    setChecking((current) => (current === outcome.request.nonce ? null : current));
    outcomeRef.current(outcome);
    void refresh();
  }, [refresh]);

  const upload = useCallback(async (d: OfflineDoor) => {
    // Batch after batch while each settles something: a scan that fails alone waits for the next sync.
    for (let before = Infinity; d.queued() > 0 && d.queued() < before;) {
      before = d.queued();
      const batch = d.uploadBatch(BATCH_LIMIT);
      const { answers } = await api.scanBatch(batch);
      for (const [i, scan] of batch.entries()) {
        const answer = answers[i];
        // Not answered (the upload stopped at a limit) or not recorded alone: it stays queued.
        if (!answer || 'error' in answer) continue;
        const look = await d.settle(scan.nonce, answer);
        emit({ kind: 'answer', answer, request: { ...scan, direction: scan.direction ?? 'entry' }, late: true, look });
      }
    }
  }, [api, emit]);

  /**
   * A read of door data: whole at start (what the phone kept may be from
   * another night), then the changes since the cursor; whole again when the
   * phone holds nothing to merge them on.
   */
  const readWhole = useRef(true);
  const readDoor = useCallback(async (d: OfflineDoor, id: string) => {
    const startedAt = Date.now();
    const cursor = readWhole.current ? null : (d.doorOf(id)?.cursor ?? null);
    if (!(await d.apply(await api.doorData(id, cursor), startedAt))) await d.apply(await api.doorData(id, null), startedAt);
    readWhole.current = false;
  }, [api]);

  const busy = useRef(false);
  /** Uploads first, so the read after it already includes what was uploaded. */
  const sync = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const d = await door();
    try {
      await upload(d);
      if (eventId !== null) await readDoor(d, eventId);
      reached(null);
    } catch (error) {
      reached(error);
    } finally {
      busy.current = false;
      await refresh();
    }
  }, [door, upload, readDoor, eventId, reached, refresh]);

  useEffect(() => {
    void sync();
    const timer = setInterval(() => void sync(), SYNC_EVERY_MS);
    const now = () => void sync();
    window.addEventListener('online', now);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', now);
    };
  }, [sync]);

  /** Sends a scan; returns its nonce (null: nothing to send). */
  const submit = useCallback((input: ScanInput): string | null => {
    const what = input.subjectId ? { subjectId: input.subjectId } : { code: (input.code ?? '').trim() };
    if (!what.subjectId && !what.code) return null;
    const request: SentScan = { ...what, nonce: newNonce(), direction: input.direction, manual: input.manual, scannedAt: new Date().toISOString(), gate: input.gate };
    setChecking(request.nonce);
    let decided = false;
    const decideHere = async () => {
      if (decided) return;
      decided = true;
      const upload: Omit<BatchScan, 'localDecision'> = { ...request, offline: true };
      try {
        const decision = await (await door()).decideAndQueue(
          { ...what, direction: input.direction, manual: input.manual }, upload,
          { boundEventId: eventId, gate: input.gate, now: new Date(request.scannedAt) });
        emit({ kind: 'offline', decision, request });
      } catch (error) {
        // Storage refused (full, or private mode): the door person must still see that nothing was decided.
        console.error('The offline decision failed:', error);
        emit({ kind: 'failed', error: new ApiError(0, 'Error', String(error)), request });
      }
    };
    const deadline = setTimeout(() => void decideHere(), offlineAfterMs);
    api.scan(request).then(async (answer) => {
      clearTimeout(deadline);
      reached(null);
      const d = await door();
      if (!decided) {
        decided = true;
        await d.answered(request.nonce, answer, input.direction);
        emit({ kind: 'answer', answer, request, late: false, look: null });
        return;
      }
      // The phone decided already: the server counted this scan, and the batch would only replay it.
      const look = await d.settle(request.nonce, answer);
      emit({ kind: 'answer', answer, request, late: true, look });
    }, (error: unknown) => {
      reached(error);
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      if (apiError.isNetwork || apiError.status >= 502) {
        clearTimeout(deadline);
        void decideHere();
      } else if (!decided) {
        // An answer that is not a decision: the typed-code limit, or a request refused as sent.
        decided = true;
        clearTimeout(deadline);
        emit({ kind: apiError.status === 429 ? 'rate_limited' : 'failed', error: apiError, request });
      }
    });
    return request.nonce;
  }, [api, door, emit, eventId, offlineAfterMs, reached]);

  const dismissLook = useCallback(async (nonce: string) => {
    await (await door()).dismissLook(nonce);
    await refresh();
  }, [door, refresh]);

  return { status, checking, submit, uploadNow: sync, dismissLook };
}
