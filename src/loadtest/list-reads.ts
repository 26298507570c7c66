import type { Sql } from '../db/connect.js';
import { listScans, scanLogQuery, type ScanFilter } from '../db/scans.js';
import { occupancy } from '../db/stats.js';
import { explain, planNodes, roundTrip } from '../db/explain.js';
import { createSyntheticHistory } from '../db/synthetic-log.js';
import { withCheapPlanning } from '../db/cheap-planning.js';
import { doorSearch } from '../db/door-search.js';
import { addSyntheticSubjects } from '../db/synthetic-subjects.js';
import { gzipSync } from 'node:zlib';
import { createEvent } from '../db/events.js';
import { readDoorData } from '../db/door-data.js';

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
/** People at the event whose door data is read: issue 11's target (whole ≤ 1 s, a delta ≤ 50 ms). */
const DOOR_DATA_SUBJECTS = 10_000;

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
  const doorNight = { venueId: h.venueId, eventId: (await createEvent(sql, { venueId: h.venueId, name: 'Door data night', startsAt: new Date(), endsAt: new Date(Date.now() + 6 * 3_600_000) })).id };
  await addSyntheticSubjects(sql, doorNight, DOOR_DATA_SUBJECTS);
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
    // Door data as the route sends it: read, serialised and gzipped.
    ...([['whole', null, 10], ['a delta, 1 s after', 1_000, 50]] as const).map(([what, ago, runs]) => ({
      runs,
      name: `GET /v1/events/{id}/door-data (${what}; ${DOOR_DATA_SUBJECTS.toLocaleString('en')} people, gzipped)`,
      run: async () => gzipSync(JSON.stringify(await readDoorData(sql, doorNight, ago === null ? null : new Date(Date.now() - ago)))),
      plan: () => explain(sql, sql`select 1`),
    })),
    // The floor under every read: one round trip on this machine at this moment.
    { name: '`select 1` (a round trip, for scale)', run: () => roundTrip(sql), plan: () => explain(sql, sql`select 1`) },
  ];
  const results: ListReadResult[] = [];
  for (const read of reads) {
    const { name, run, plan } = read;
    // A read that takes about a second runs fewer times.
    const runs = 'runs' in read ? read.runs : options.runs;
    const first = planNodes(await plan()).find((n) => n['Relation Name'] === 'scan_log') ?? { 'Node Type': '–' };
    for (let i = 0; i < Math.min(10, runs); i++) await run(); // warm the cache and the prepared statement
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.push({ read: name, access: `${first['Node Type']}${'Index Name' in first && first['Index Name'] ? ` on ${first['Index Name']}` : ''}`, p50Ms: percentile(times, 0.5), p90Ms: percentile(times, 0.9), runs });
  }
  return { rows: options.rows, events: options.events, subjects: SUBJECTS, fillSeconds, results };
}

export function listReadsTable(report: ListReadsReport): string {
  return [
    `${report.rows.toLocaleString('en')} log rows over ${report.events} nights and ${report.subjects.toLocaleString('en')} people tonight (filled in ${report.fillSeconds} s); each read ${report.results[0]?.runs} times in a row (door data fewer: see runs), page size 50.`,
    '',
    '| read | plan (scan_log) | p50, ms | p90, ms | runs |',
    '|---|---|---|---|---|',
    ...report.results.map((r) => `| ${r.read} | ${r.access} | ${r.p50Ms} | ${r.p90Ms} | ${r.runs} |`),
  ].join('\n');
}
