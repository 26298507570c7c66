import type { Sql } from '../db/connect.js';
import { listScans, scanLogQuery, type ScanFilter } from '../db/scans.js';
import { occupancy } from '../db/stats.js';
import { explain, planNodes, roundTrip } from '../db/explain.js';
import { createSyntheticHistory } from '../db/synthetic-log.js';
import { withCheapPlanning } from '../db/cheap-planning.js';
import { doorSearch } from '../db/door-search.js';
import { addSyntheticSubjects } from '../db/synthetic-subjects.js';

export interface ListReadResult {
  read: string;
  /** How PostgreSQL reaches scan_log: the first log access of the plan. */
  access: string;
  p50Ms: number;
  p90Ms: number;
  runs: number;
}

export interface ListReadsReport { rows: number; events: number; subjects: number; fillSeconds: number; results: ListReadResult[] }

/** People at tonight's event for the door-search reads: the 50,000 of issue 9's target (≤ 20 ms). */
const SUBJECTS = 50_000;

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 100) / 100;

/**
 * The list reads of the API on a long log: `rows` scans over `events`
 * nights (a venue's history) and 50,000 people tonight, each read timed
 * `runs` times one after the other through the same statements the routes
 * run, with its plan.
 */
export async function benchListReads(sql: Sql, options: { rows: number; events: number; runs: number }): Promise<ListReadsReport> {
  const started = performance.now();
  const h = await createSyntheticHistory(sql, { rows: options.rows, events: options.events, devices: 32 });
  const tonight = { venueId: h.venueId, eventId: h.eventIds.at(-1)! };
  await addSyntheticSubjects(sql, tonight, SUBJECTS);
  const fillSeconds = Math.round((performance.now() - started) / 100) / 10;
  const [ticket] = await sql<{ code: string }[]>`select code from tickets where venue_id = ${h.venueId} limit 1`;
  const page: ScanFilter = { venueId: h.venueId, limit: 50, before: null };
  const [deep] = await sql<{ recorded_at: Date; id: string }[]>`
    select recorded_at, id from scan_log where venue_id = ${h.venueId} and event_id = ${tonight.eventId}
     order by recorded_at desc, id desc offset 5000 limit 1`;
  // Each read as the route runs it, and its plan under the same settings.
  const logRead = (name: string, filter: () => ScanFilter) => ({
    name,
    run: () => listScans(sql, filter()),
    plan: () => withCheapPlanning(sql, (tx) => explain(tx, scanLogQuery(tx, filter()))),
  });
  const reads = [
    logRead('GET /v1/scans?deviceId= (a scanner\'s own)', () => ({ ...page, deviceId: h.deviceIds[Math.floor(Math.random() * h.deviceIds.length)] })),
    logRead('GET /v1/scans (venue-wide, no eventId)', () => page),
    logRead('GET /v1/scans?eventId=', () => ({ ...page, eventId: tonight.eventId })),
    logRead('GET /v1/scans?eventId=, page 101 (cursor)', () => ({ ...page, eventId: tonight.eventId, before: { at: deep!.recorded_at, id: deep!.id } })),
    { name: 'GET /v1/events/{id}/occupancy', run: () => occupancy(sql, tonight), plan: () => explain(sql, occupancy(sql, tonight)) },
    ...[['a part of a name, accents aside', 'nunez'], ['a full name', 'Ana García'], ['a common part of names', 'ana'],
      ['the end of a code', ticket!.code.slice(-6)], ['a table number', 'T17'], ['nobody', 'qqqq']].map(([what, q]) => ({
      name: `GET /v1/events/{id}/door-search?q= (${what}; ${SUBJECTS.toLocaleString('en')} people)`,
      run: () => doorSearch(sql, tonight, q!),
      plan: () => explain(sql, sql`select * from door_search(${tonight.venueId}, ${tonight.eventId}, ${q!})`),
    })),
    // The floor under every read: one round trip on this machine at this moment.
    { name: '`select 1` (a round trip, for scale)', run: () => roundTrip(sql), plan: () => explain(sql, sql`select 1`) },
  ];
  const results: ListReadResult[] = [];
  for (const { name, run, plan } of reads) {
    const first = planNodes(await plan()).find((n) => n['Relation Name'] === 'scan_log') ?? { 'Node Type': '–' };
    for (let i = 0; i < 10; i++) await run(); // warm the cache and the prepared statement
    const times: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.push({ read: name, access: `${first['Node Type']}${'Index Name' in first && first['Index Name'] ? ` on ${first['Index Name']}` : ''}`, p50Ms: percentile(times, 0.5), p90Ms: percentile(times, 0.9), runs: options.runs });
  }
  return { rows: options.rows, events: options.events, subjects: SUBJECTS, fillSeconds, results };
}

export function listReadsTable(report: ListReadsReport): string {
  return [
    `${report.rows.toLocaleString('en')} log rows over ${report.events} nights and ${report.subjects.toLocaleString('en')} people tonight (filled in ${report.fillSeconds} s); each read ${report.results[0]?.runs} times in a row, page size 50.`,
    '',
    '| read | plan (scan_log) | p50, ms | p90, ms |',
    '|---|---|---|---|',
    ...report.results.map((r) => `| ${r.read} | ${r.access} | ${r.p50Ms} | ${r.p90Ms} |`),
  ].join('\n');
}
