import type { ScanDirection } from '../domain/lists.js';
import { toScanAnswer, type ScanAnswer, type ScanAnswerRow } from '../domain/scan-answer.js';
import type { Sql } from './connect.js';

/** Who is scanning: an enrolled device, or a staff member at the door. */
export type Scanner =
  | { kind: 'device'; deviceId: string; eventId: string | null; gate: string }
  | { kind: 'staff'; staffId: string; gate: string };

export interface ScanRequest {
  scanner: Scanner;
  code: string;
  /** Client nonce: the same (scanner, nonce) is the same scan. */
  nonce: string;
  direction?: ScanDirection;
  /** Overrides the scanner's own gate. */
  gate?: string;
  scannedAt?: Date | null;
  manual?: boolean;
}

/** Decides one scan in one round trip (redeem_scan, db/migrations/003). */
export async function redeemScan(sql: Sql, request: ScanRequest): Promise<ScanAnswer> {
  const { scanner } = request;
  const deviceId = scanner.kind === 'device' ? scanner.deviceId : null;
  const staffId = scanner.kind === 'staff' ? scanner.staffId : null;
  const [row] = await sql<{ answer: ScanAnswerRow }[]>`
    select redeem_scan(
      p_scanner_id  => ${deviceId ?? staffId}::uuid,
      p_device_id   => ${deviceId}::uuid,
      p_staff_id    => ${staffId}::uuid,
      p_bound_event => ${scanner.kind === 'device' ? scanner.eventId : null}::uuid,
      p_gate        => ${request.gate ?? scanner.gate},
      p_nonce       => ${request.nonce},
      p_code        => ${request.code},
      p_direction   => ${request.direction ?? 'entry'}::scan_direction,
      p_scanned_at  => ${request.scannedAt ?? null}::timestamptz,
      p_manual      => ${request.manual ?? false}
    ) as answer`;
  return toScanAnswer(row!.answer);
}
