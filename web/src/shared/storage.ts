/**
 * What the browser keeps between visits. The scanner and the dashboard live
 * on one origin and may share a phone, so each keeps its own token.
 */
export const STORAGE_KEYS = {
  dashboardToken: 'maguey.dashboard.token',
  dashboardEvent: 'maguey.dashboard.eventId',
  scannerToken: 'maguey.scanner.token',
  scannerSettings: 'maguey.scanner.settings',
  /** Scans an earlier scanner version queued unanswered; moved to the offline queue at start (scanner/offline/earlierQueue.ts). */
  scannerEarlierQueue: 'maguey.scanner.pending',
} as const;

type Key = (typeof STORAGE_KEYS)[keyof typeof STORAGE_KEYS];

export function readText(key: Key): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode on some phones)
  }
}

export function writeText(key: Key, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: the app still works for this visit.
  }
}

export function readJson<T>(key: Key, fallback: T): T {
  const text = readText(key);
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function writeJson(key: Key, value: unknown): void {
  writeText(key, JSON.stringify(value));
}
