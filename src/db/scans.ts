import type { AnnulAuthority, ScanDecision, ScanDirection, EntryType, StaffRole } from '../domain/lists.js';
import { toScanAnswer, type ScanAnswer, type ScanAnswerRow } from '../domain/scan-answer.js';
import type { ScanCode } from '../domain/signed-codes.js';
import type { PendingQuery, Queryable, Sql } from './connect.js';
import { hashToken } from './devices.js';
import { translateDbError } from './errors.js';
import { withCheapPlanning } from './cheap-planning.js';

/** Who is scanning: an enrolled device, or a staff member at the door. */
export type Scanner =
  | { kind: 'device'; deviceId: string; venueId: string; eventId: string | null; gate: string }
  | { kind: 'staff'; staffId: string; venueId: string; gate: string };

export interface ScanRequest {
  scanner: Scanner;
  /**
   * The bearer token the scanner was resolved from (src/scan/scanner-cache.ts):
   * redeem_scan checks, in the statement that decides, that it still may scan.
   * Absent for trusted callers (seeds, tests, the load generator's setup).
   */
  token?: string;
  /** What was scanned, or `subjectId`: the person picked at the door by door search. */
  code?: string;
  subjectId?: string;
  /** The code's form once parsed and verified (src/scan/parse-code.ts); plain when absent. */
  parsed?: ScanCode;
  /** Client nonce: the same (scanner, nonce) is the same scan. */
  nonce: string;
  direction?: ScanDirection;
  /** Overrides the scanner's own gate; must be one of the venue's gates. */
  gate?: string;
  scannedAt?: Date | null;
  manual?: boolean;
  /** Decided on the device while offline and uploaded later (POST /v1/scans/batch): placed by scannedAt. */
  offline?: boolean;
  /** What the device decided offline: an admission stands, a refusal too (docs/scan-decision.md). */
  localDecision?: ScanDecision;
}

/** A decided scan: its answer, the event it counts at (the live feed's) and the attention items it opened. */
export interface DecidedScan { answer: ScanAnswer; eventId: string | null; attention: string[] }

/** Where staff scan when they name no gate; every venue has it (src/db/events.ts createVenue). */
export const STAFF_GATE = 'main';

/** The scanner a bearer token names, when it may scan: a live device, or a session of a staff role that scans. */
export async function findScanner(sql: Sql, token: string, staffRoles: StaffRole[]): Promise<Scanner | undefined> {
  const hash = hashToken(token);
  const [row] = await sql<{ kind: 'staff' | 'device'; id: string; venue_id: string; event_id: string | null; gate: string | null }[]>`
    select kind, id, venue_id, event_id, gate from live_tokens
     where token_hash = ${hash} and (device_role = 'scanner' or staff_role = any(${sql.array(staffRoles)}::staff_role[]))`;
  if (!row) return undefined;
  return row.kind === 'device'
    ? { kind: 'device', deviceId: row.id, venueId: row.venue_id, eventId: row.event_id, gate: row.gate! }
    : { kind: 'staff', staffId: row.id, venueId: row.venue_id, gate: STAFF_GATE };
}

/** The scanned_code argument of redeem_scan (db/migrations/003.do.scan-log.sql): the code's form and what it names. */
function scannedCode(request: ScanRequest) {
  const parsed = request.parsed ?? { form: 'plain' as const };
  const claim = parsed.form === 'claim' ? parsed.claim : null;
  return {
    form: request.subjectId ? 'subject' : parsed.form === 'claim' ? 'signed' : parsed.form,
    text: request.code ?? null, kind: claim?.kind ?? null, subject_id: request.subjectId ?? claim?.subjectId ?? null,
    serial: claim?.serial ?? null, kid: claim?.kid ?? null, manual: request.manual ?? false,
  };
}

/** One scan as redeem_scans reads it (db/functions/redeem_scans.sql): redeem_scan's arguments, by name. */
function scanArguments(request: ScanRequest) {
  const { scanner } = request;
  return {
    tokenHash: request.token ? hashToken(request.token).toString('hex') : null,
    deviceId: scanner.kind === 'device' ? scanner.deviceId : null,
    staffId: scanner.kind === 'staff' ? scanner.staffId : null,
    boundEvent: scanner.kind === 'device' ? scanner.eventId : null,
    gate: request.gate ?? scanner.gate,
    nonce: request.nonce,
    code: scannedCode(request),
    direction: request.direction ?? 'entry',
    scannedAt: request.scannedAt?.toISOString() ?? null,
    offline: request.offline ?? false,
    localDecision: request.localDecision ?? null,
  };
}

/**
 * Scans of one venue decided in one statement and one transaction, in the
 * order given (db/functions/redeem_scans.sql): the one way a scan is
 * decided, alone or grouped (src/scan/scan-lanes.ts). Every argument is a
 * value, so on Citus the call runs on the venue's worker. Each answer is null
 * when its token no longer lets the scanner scan (nothing written for it).
 * Throws when any scan fails: none of them was recorded.
 */
export async function decideScans(sql: Sql, venueId: string, requests: ScanRequest[]): Promise<(DecidedScan | null)[]> {
  if (requests.some((r) => r.scanner.venueId !== venueId)) throw new Error('decideScans: every scan must be of the one venue');
  const [row] = await sql<{ answers: ((ScanAnswerRow & { attention?: string[] }) | null)[] }[]>`
    select redeem_scans(${venueId}::uuid, ${sql.json(requests.map(scanArguments))}::jsonb) as answers`.catch(translateDbError);
  return row!.answers.map((decided) => decided && { answer: toScanAnswer(decided), eventId: decided.event_id, attention: decided.attention ?? [] });
}

/** Decides one scan of a scanner the caller vouches for (seeds, tests, the load generator's setup). */
export async function redeemScan(sql: Sql, request: Omit<ScanRequest, 'token'>): Promise<ScanAnswer> {
  const [decided] = await decideScans(sql, request.scanner.venueId, [request]);
  return decided!.answer;
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
  return withCheapPlanning(sql, (tx) => scanLogQuery(tx, f));
}

/** The statement listScans runs (its plan is checked in test/db/list-query-plans.test.ts). */
export function scanLogQuery(sql: Queryable, f: ScanFilter): PendingQuery<ScanLogRow[]> {
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

/** Undoes an admission (db/functions/annul_scan.sql) by `by`; a second annul changes nothing. */
export async function annulScan(sql: Sql, venueId: string, scanId: string, by: { id: string; authority: AnnulAuthority }, windowMinutes: number): Promise<'annulled' | 'already_annulled'> {
  const [row] = await sql<{ result: 'annulled' | 'already_annulled' }[]>`
    select annul_scan(${venueId}, ${scanId}, ${by.id}, ${by.authority}::annul_authority, make_interval(mins => ${windowMinutes})) as result`.catch(translateDbError);
  return row!.result;
}
