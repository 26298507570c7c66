import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Direction, ScanAnswer, ScanRequest } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { newNonce } from '../shared/nonce.js';
import { readJson, STORAGE_KEYS, writeJson } from '../shared/storage.js';

/**
 * A scan that has no answer yet. It keeps its nonce until it gets one: the
 * server answers a repeated (device, nonce) with the first answer and writes
 * nothing new, so retrying after a network error can never admit twice.
 * Pending scans survive a reload (localStorage).
 */
export interface PendingScan {
  request: ScanRequest & { nonce: string; scannedAt: string };
  attempts: number;
  lastError: string | null;
  nextRetryAt: number | null;
}

export type ScanOutcome =
  | { kind: 'answer'; answer: ScanAnswer; scan: PendingScan; /** answered after one or more retries */ delayed: boolean }
  | { kind: 'failed'; error: ApiError; scan: PendingScan };

/** A code read or typed, or a person picked by name (door search): exactly one of code and subjectId. */
export type ScanInput = ({ code: string; subjectId?: never } | { subjectId: string; code?: never }) & { direction: Direction; gate?: string; manual: boolean };

/** 1 s, 2 s, 4 s, … at most 15 s between tries; Retry-After wins when the server sends it. */
const retryDelayMs = (attempts: number, retryAfterSeconds?: number) =>
  retryAfterSeconds ? retryAfterSeconds * 1000 : Math.min(15_000, 1000 * 2 ** Math.max(0, attempts - 1));

export function useScanQueue(api: Endpoints, onOutcome: (outcome: ScanOutcome) => void) {
  const [pending, setPending] = useState<PendingScan[]>(() => readJson<PendingScan[]>(STORAGE_KEYS.scannerPending, []));
  const pendingRef = useRef(pending);
  const inFlight = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const { t } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const outcomeRef = useRef(onOutcome);
  outcomeRef.current = onOutcome;

  const update = useCallback((change: (list: PendingScan[]) => PendingScan[]) => {
    pendingRef.current = change(pendingRef.current);
    writeJson(STORAGE_KEYS.scannerPending, pendingRef.current);
    setPending(pendingRef.current);
  }, []);

  const send = useCallback(async (nonce: string) => {
    const scan = pendingRef.current.find((p) => p.request.nonce === nonce);
    if (!scan || inFlight.current.has(nonce)) return;
    clearTimeout(timers.current.get(nonce));
    timers.current.delete(nonce);
    inFlight.current.add(nonce);
    try {
      const answer = await api.scan(scan.request);
      update((list) => list.filter((p) => p.request.nonce !== nonce));
      outcomeRef.current({ kind: 'answer', answer, scan, delayed: scan.attempts > 0 });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', describeError(error, tRef.current));
      if (!apiError.isRetryable) {
        // Refused as asked (bad input, revoked scanner): sending it again changes nothing.
        update((list) => list.filter((p) => p.request.nonce !== nonce));
        outcomeRef.current({ kind: 'failed', error: apiError, scan });
        return;
      }
      const attempts = scan.attempts + 1;
      const delay = retryDelayMs(attempts, apiError.retryAfter);
      update((list) => list.map((p) => (p.request.nonce === nonce
        ? { ...p, attempts, lastError: describeError(apiError, tRef.current), nextRetryAt: Date.now() + delay } : p)));
      timers.current.set(nonce, setTimeout(() => void send(nonce), delay));
    } finally {
      inFlight.current.delete(nonce);
    }
  }, [api, update]);

  const submit = useCallback((input: ScanInput) => {
    const what = input.subjectId ? { subjectId: input.subjectId } : { code: (input.code ?? '').trim() };
    if (!what.subjectId && !what.code) return;
    const request = {
      ...what, nonce: newNonce(), direction: input.direction, manual: input.manual, scannedAt: new Date().toISOString(),
      ...(input.gate ? { gate: input.gate } : {}),
    };
    update((list) => [...list, { request, attempts: 0, lastError: null, nextRetryAt: null }]);
    void send(request.nonce);
  }, [send, update]);

  const retryNow = useCallback(() => {
    for (const scan of pendingRef.current) void send(scan.request.nonce);
  }, [send]);

  // Scans left pending by a reload, and a connection that comes back: try again now.
  useEffect(() => {
    retryNow();
    window.addEventListener('online', retryNow);
    const pendingTimers = timers.current;
    return () => {
      window.removeEventListener('online', retryNow);
      for (const timer of pendingTimers.values()) clearTimeout(timer);
      pendingTimers.clear();
    };
  }, [retryNow]);

  return { pending, submit, retryNow };
}
