import type { AppHarness } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

/** An offline scan as the phone queues it (POST /v1/scans/batch). */
export interface OfflineScan {
  code?: string; subjectId?: string; nonce: string; scannedAt: string; offline: true;
  localDecision?: 'admit' | 'deny'; direction?: 'entry' | 'exit'; gate?: string; manual?: boolean;
}

/** An offline admission of `code` that happened `secondsAgo` seconds ago. */
export const admitted = (code: string, secondsAgo: number, extra: Partial<OfflineScan> = {}): OfflineScan => ({
  code, nonce: nonce(), scannedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), offline: true, localDecision: 'admit', ...extra,
});

export interface Answer {
  scanId: string; decision: 'admit' | 'deny'; entryType: string | null; reason: string | null; offline: boolean;
  conflictId: string | null; replayed: boolean; scannedAt: string | null; message: string;
}

/** Uploads one batch with a scanner's token. */
export async function upload(h: AppHarness, token: string, scans: unknown[]) {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans/batch', headers: h.auth(token), payload: { scans } });
  return { status: res.statusCode, body: res.json() as { answers: Answer[] } & Record<string, unknown>, headers: res.headers };
}
