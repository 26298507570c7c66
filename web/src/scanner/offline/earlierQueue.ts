import type { BatchScan } from '../../api/types.js';
import { readJson, STORAGE_KEYS, writeText } from '../../shared/storage.js';
import type { OfflineDoor } from './offlineDoor.js';

/**
 * Scanner versions before the offline door kept the scans they had sent and
 * not yet got an answer for in localStorage, as
 * `[{request: {code | subjectId, nonce, direction, manual, scannedAt, gate?}, attempts, lastError, nextRetryAt}]`,
 * retrying them one by one. The phone decided nothing about them.
 */
interface EarlierPendingScan { request?: Record<string, unknown> }

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The earlier queue's scans as the batch upload takes them, without a
 * localDecision (the server decides). A scan the batch would refuse as
 * malformed is left out: one would hold up every upload after it.
 */
export function readEarlierQueue(): BatchScan[] {
  const queued = readJson<unknown>(STORAGE_KEYS.scannerEarlierQueue, []);
  if (!Array.isArray(queued)) return [];
  const scans: BatchScan[] = [];
  for (const { request: r } of queued as EarlierPendingScan[]) {
    if (!r || !text(r.nonce) || !text(r.scannedAt) || Number.isNaN(Date.parse(r.scannedAt)) || text(r.code) === text(r.subjectId)) continue;
    scans.push({
      ...(text(r.code) ? { code: r.code } : { subjectId: r.subjectId as string }),
      nonce: r.nonce, scannedAt: new Date(r.scannedAt).toISOString(), offline: true,
      direction: r.direction === 'exit' ? 'exit' : 'entry', manual: r.manual === true,
      ...(text(r.gate) ? { gate: r.gate } : {}),
    });
  }
  return scans;
}

/**
 * Moves the earlier queue into this phone's upload queue, then deletes it.
 * When the move fails the old queue stays, to be moved at the next start.
 */
export async function adoptEarlierQueue(door: OfflineDoor): Promise<OfflineDoor> {
  const scans = readEarlierQueue();
  try {
    if (scans.length > 0) await door.adopt(scans);
    writeText(STORAGE_KEYS.scannerEarlierQueue, null);
  } catch (error) {
    console.error('The earlier scan queue could not be moved:', error);
  }
  return door;
}
