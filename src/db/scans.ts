import type { ScanDecision, ScanDirection, EntryType, StaffRole } from '../domain/lists.js';
import { toScanAnswer, type ScanAnswer, type ScanAnswerRow } from '../domain/scan-answer.js';
import type { ScanCode } from '../domain/signed-codes.js';
import type { PendingQuery, Queryable, Sql } from './connect.js';
import { hashToken } from './devices.js';
import { translateDbError } from './errors.js';
import { DomainError } from '../domain/errors.js';
import { withCheapPlanning } from './cheap-planning.js';

/** Who is scanning: an enrolled device, or a staff member at the door. */
export type Scanner =
  | { kind: 'device'; deviceId: string; venueId: string; eventId: string | null; gate: string }
  | { kind: 'staff'; staffId: string; venueId: string; gate: string };

/**
 * A bearer token not yet resolved: the scan statement resolves it itself,
 * so an HTTP scan is one round trip and a revoked device is refused by the
 * same statement that would have admitted.
 */
export interface ScannerToken { token: string; staffRoles: StaffRole[] }

export interface ScanRequest {
  scanner: Scanner | ScannerToken;
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
}

/** Where staff scan when they name no gate. */
const STAFF_GATE = 'main';

function scannerSource(sql: Sql, scanner: Scanner | ScannerToken) {
  if ('token' in scanner) {
    const hash = hashToken(scanner.token);
    return sql`
      select d.id as device_id, null::uuid as staff_id, d.venue_id, d.event_id as bound_event, d.gate
        from devices d where d.token_hash = ${hash} and d.revoked_at is null
      union all
      select null, st.id, st.venue_id, null, ${STAFF_GATE}
        from staff_sessions s join staff st on st.id = s.staff_id
       where s.token_hash = ${hash} and s.expires_at > now() and st.disabled_at is null
         and st.role = any(${sql.array(scanner.staffRoles)}::staff_role[])`;
  }
  return scanner.kind === 'device'
    ? sql`select ${scanner.deviceId}::uuid as device_id, null::uuid as staff_id, ${scanner.venueId}::uuid as venue_id,
                 ${scanner.eventId}::uuid as bound_event, ${scanner.gate}::text as gate`
    : sql`select null::uuid as device_id, ${scanner.staffId}::uuid as staff_id, ${scanner.venueId}::uuid as venue_id,
                 null::uuid as bound_event, ${scanner.gate}::text as gate`;
}

/** The scanned_code argument of redeem_scan (db/migrations/003): the code's form and what it names. */
function scannedCode(sql: Sql, request: ScanRequest) {
  const parsed = request.parsed ?? { form: 'plain' as const };
  const claim = parsed.form === 'claim' ? parsed.claim : null;
  const form = request.subjectId ? 'subject' : parsed.form === 'claim' ? 'signed' : parsed.form;
  return sql`row(${form}::code_form, ${request.code ?? null}::text, ${claim?.kind ?? null}::subject_kind,
                 ${request.subjectId ?? claim?.subjectId ?? null}::uuid, ${claim?.serial ?? null}::integer,
                 ${claim?.kid ?? null}::bigint, ${request.manual ?? false})::scanned_code`;
}

/**
 * Runs redeem_scan for the scanner in one round trip. Undefined when the
 * token names no scanner allowed to scan; `unknownGate` when the request
 * names a gate the venue does not have (nothing is written then).
 */
async function runScan(sql: Sql, request: ScanRequest): Promise<ScanAnswerRow | 'unknownGate' | undefined> {
  const gate = request.gate ?? null;
  const [row] = await sql<{ answer: ScanAnswerRow | null }[]>`
    select case when ${gate}::text is null
                  or exists (select 1 from venue_gates g where g.venue_id = s.venue_id and g.name = ${gate}::text)
           then redeem_scan(
             p_venue_id    => s.venue_id,
             p_device_id   => s.device_id,
             p_staff_id    => s.staff_id,
             p_bound_event => s.bound_event,
             p_gate        => coalesce(${gate}::text, s.gate),
             p_nonce       => ${request.nonce},
             p_code        => ${scannedCode(sql, request)},
             p_direction   => ${request.direction ?? 'entry'}::scan_direction,
             p_scanned_at  => ${request.scannedAt ?? null}::timestamptz)
           end as answer
    from (${scannerSource(sql, request.scanner)}) s`;
  if (!row) return undefined;
  return row.answer ?? 'unknownGate';
}

const unknownGate = (gate: string | undefined) =>
  new DomainError(400, 'unknown_gate', 'this venue has no such gate', { errors: [{ field: '/gate', message: `no gate named ${JSON.stringify(gate)}` }] });

/** Decides one scan by a known scanner, in one round trip (db/functions/redeem_scan.sql). */
export async function redeemScan(sql: Sql, request: ScanRequest & { scanner: Scanner }): Promise<ScanAnswer> {
  const row = await runScan(sql, request);
  if (row === 'unknownGate') throw unknownGate(request.gate);
  return toScanAnswer(row!);
}

/**
 * Decides one scan for a bearer token, still in one round trip. Undefined
 * when the token names no scanner allowed to scan (the caller tells 401 from 403).
 */
export async function redeemScanWithToken(sql: Sql, request: ScanRequest & { scanner: ScannerToken }): Promise<{ answer: ScanAnswer; venueId: string; eventId: string | null } | undefined> {
  const row = await runScan(sql, request);
  if (row === 'unknownGate') throw unknownGate(request.gate);
  return row && { answer: toScanAnswer(row), venueId: row.venue_id, eventId: row.event_id };
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

/** Undoes an admission (db/functions/annul_scan.sql); a second annul changes nothing. */
export async function annulScan(sql: Sql, venueId: string, scanId: string, scannerId: string, windowMinutes: number): Promise<'annulled' | 'already_annulled'> {
  const [row] = await sql<{ result: 'annulled' | 'already_annulled' }[]>`
    select annul_scan(${venueId}, ${scanId}, ${scannerId}, make_interval(mins => ${windowMinutes})) as result`.catch(translateDbError);
  return row!.result;
}
