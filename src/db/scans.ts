import type { ScanDecision, ScanDirection, EntryType, StaffRole } from '../domain/lists.js';
import { toScanAnswer, type ScanAnswer, type ScanAnswerRow } from '../domain/scan-answer.js';
import type { ScanCode } from '../domain/signed-codes.js';
import type { Sql } from './connect.js';
import { hashToken } from './devices.js';
import { translateDbError } from './errors.js';

/** Who is scanning: an enrolled device, or a staff member at the door. */
export type Scanner =
  | { kind: 'device'; deviceId: string; venueId: string; eventId: string | null; gate: string }
  | { kind: 'staff'; staffId: string; venueId: string; gate: string };

/** A bearer token not yet resolved, and the staff roles that may scan with it. */
export interface ScannerToken { token: string; staffRoles: StaffRole[] }

export interface ScanRequest {
  scanner: Scanner | ScannerToken;
  /** What was scanned. */
  code: string;
  /** The code's form once parsed and verified (src/scan/parse-code.ts); plain when absent. */
  parsed?: ScanCode;
  /** Client nonce: the same (scanner, nonce) is the same scan. */
  nonce: string;
  direction?: ScanDirection;
  /** Overrides the scanner's own gate. */
  gate?: string;
  scannedAt?: Date | null;
  manual?: boolean;
}

/** Where staff scan when they name no gate. */
const STAFF_GATE = 'main';

/** The scanner a bearer token names, when it may scan: a live device, or a session of a staff role that scans. */
async function findScanner(sql: Sql, { token, staffRoles }: ScannerToken): Promise<Scanner | undefined> {
  const hash = hashToken(token);
  const [row] = await sql<{ device_id: string | null; staff_id: string | null; venue_id: string; event_id: string | null; gate: string }[]>`
    select d.id as device_id, null::uuid as staff_id, d.venue_id, d.event_id, d.gate
      from devices d where d.token_hash = ${hash} and d.revoked_at is null
    union all
    select null, st.id, st.venue_id, null, ${STAFF_GATE}
      from staff_sessions s join staff st on st.id = s.staff_id
     where s.token_hash = ${hash} and s.expires_at > now() and st.disabled_at is null
       and st.role = any(${sql.array(staffRoles)}::staff_role[])`;
  if (!row) return undefined;
  return row.device_id
    ? { kind: 'device', deviceId: row.device_id, venueId: row.venue_id, eventId: row.event_id, gate: row.gate }
    : { kind: 'staff', staffId: row.staff_id!, venueId: row.venue_id, gate: row.gate };
}

/**
 * One call of redeem_scan with plain values. The scanner is known before the
 * call (not joined into it) because on Citus the function is delegated to the
 * worker that holds the venue only when its venue argument is a value: with
 * the arguments drawn from a FROM clause it ran on the coordinator, each
 * statement inside a network hop, and Citus 13.2 crashed on it (measured,
 * docs/scale-out.md). The token lookup reads global tables, which Citus keeps
 * a copy of on every node, the coordinator included.
 */
async function runScan(sql: Sql, scanner: Scanner, request: ScanRequest): Promise<ScanAnswerRow> {
  const claim = request.parsed?.form === 'claim' ? request.parsed.claim : null;
  const device = scanner.kind === 'device' ? scanner.deviceId : null;
  const staff = scanner.kind === 'staff' ? scanner.staffId : null;
  const [row] = await sql<{ answer: ScanAnswerRow }[]>`
    select redeem_scan(
      p_scanner_id  => ${device ?? staff}::uuid,
      p_device_id   => ${device}::uuid,
      p_staff_id    => ${staff}::uuid,
      p_venue_id    => ${scanner.venueId}::uuid,
      p_bound_event => ${scanner.kind === 'device' ? scanner.eventId : null}::uuid,
      p_gate        => ${request.gate ?? scanner.gate}::text,
      p_nonce       => ${request.nonce},
      p_code        => ${request.code},
      p_direction   => ${request.direction ?? 'entry'}::scan_direction,
      p_scanned_at  => ${request.scannedAt ?? null}::timestamptz,
      p_manual      => ${request.manual ?? false},
      p_claim_kind   => ${claim?.kind ?? null}::subject_kind,
      p_claim_id     => ${claim?.subjectId ?? null}::uuid,
      p_claim_serial => ${claim?.serial ?? null}::integer,
      p_claim_kid    => ${claim?.kid ?? null}::bigint,
      p_forged       => ${request.parsed?.form === 'forged'}
    ) as answer`;
  return row!.answer;
}

/** Decides one scan by a known scanner, in one round trip (db/functions/redeem_scan.sql). */
export async function redeemScan(sql: Sql, request: ScanRequest & { scanner: Scanner }): Promise<ScanAnswer> {
  return toScanAnswer(await runScan(sql, request.scanner, request));
}

/**
 * Decides one scan for a bearer token: the token's scanner (a read of global
 * tables), then the decision in one call. Undefined when the token names no
 * scanner allowed to scan (the caller tells 401 from 403).
 */
export async function redeemScanWithToken(sql: Sql, request: ScanRequest & { scanner: ScannerToken }): Promise<{ answer: ScanAnswer; venueId: string; eventId: string | null } | undefined> {
  const scanner = await findScanner(sql, request.scanner);
  if (!scanner) return undefined;
  const row = await runScan(sql, scanner, request);
  return { answer: toScanAnswer(row), venueId: row.venue_id, eventId: row.event_id };
}

export interface ScanFilter {
  eventId?: string; reservationId?: string; subjectId?: string; deviceId?: string;
  entryType?: EntryType; decision?: ScanDecision; since?: Date;
  /** Only events of this venue (every caller is scoped to its venue). */
  venueId: string;
  limit: number;
  before: { at: Date; id: string } | null;
}

export interface ScanLogRow extends ScanAnswerRow { device_name: string | null; manual: boolean }

/** The live scan log (reset rows excluded), newest first. */
export async function listScans(sql: Sql, f: ScanFilter): Promise<ScanLogRow[]> {
  return sql<ScanLogRow[]>`
    select a.*, d.name as device_name
      from scan_answers a
      left join devices d on d.id = a.device_id
     where a.venue_id = ${f.venueId} and a.reset_id is null
       ${f.eventId ? sql`and a.event_id = ${f.eventId}` : sql``}
       ${f.reservationId ? sql`and a.reservation_id = ${f.reservationId}` : sql``}
       ${f.subjectId ? sql`and a.subject_id = ${f.subjectId}` : sql``}
       ${f.deviceId ? sql`and a.device_id = ${f.deviceId}` : sql``}
       ${f.entryType ? sql`and a.entry_type = ${f.entryType}::entry_type` : sql``}
       ${f.decision ? sql`and a.decision = ${f.decision}::scan_decision` : sql``}
       ${f.since ? sql`and a.recorded_at >= ${f.since}` : sql``}
       ${f.before ? sql`and (a.recorded_at, a.scan_id) < (${f.before.at}, ${f.before.id})` : sql``}
     order by a.recorded_at desc, a.scan_id desc
     limit ${f.limit + 1}`;
}

/** Answers for the given scan ids (the live feed's look-up after a notification). */
export async function findScans(sql: Sql, venueId: string, ids: string[]): Promise<ScanLogRow[]> {
  return sql<ScanLogRow[]>`
    select a.*, d.name as device_name
      from scan_answers a left join devices d on d.id = a.device_id
     where a.venue_id = ${venueId} and a.scan_id = any(${sql.array(ids)}::uuid[])
     order by a.recorded_at, a.scan_id`;
}

/** Undoes an admission (db/functions/annul_scan.sql); a second annul changes nothing. */
export async function annulScan(sql: Sql, venueId: string, scanId: string, scannerId: string, windowMinutes: number): Promise<'annulled' | 'already_annulled'> {
  const [row] = await sql<{ result: 'annulled' | 'already_annulled' }[]>`
    select annul_scan(${venueId}, ${scanId}, ${scannerId}, make_interval(mins => ${windowMinutes})) as result`.catch(translateDbError);
  return row!.result;
}
