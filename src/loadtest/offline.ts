import { randomUUID } from 'node:crypto';
import { Client } from 'undici';
import { checkInvariants, type InvariantReport } from '../db/invariants.js';
import { CodeIssuer } from '../db/keys.js';
import { SecretBox } from '../domain/secret-box.js';
import { runDatabase, SECRET, startServer, type BenchTarget } from './bench.js';
import { prepareScenario } from './scenarios.js';

/** The offline scenario of `npm run bench` (issue 11). */
export interface OfflineReport {
  scans: number;
  devices: number;
  batchSize: number;
  batches: number;
  /** First upload out → last answer in, all devices uploading at once. */
  seconds: number;
  scansPerSecond: number;
  /** Codes admitted offline on two devices: each must be one conflict, one item, the earlier scan its first entry. */
  doubled: number;
  conflicts: number;
  doubleAdmitItems: number;
  /** Passes whose first entry is not their earliest admission by scan time. */
  misplacedFirstEntries: number;
  invariants: InvariantReport & { ok: boolean };
}

interface QueuedScan { code: string; nonce: string; scannedAt: string; offline: true; localDecision: 'admit' }

/**
 * Queues of `devices` phones that were offline for half an hour: each
 * admitted its share of the night's passes, and one scan in ten is a code
 * another phone admitted too (a screenshot passed on). Scan times are
 * random within the half hour, so uploads meet codes in any order.
 */
function queues(codes: string[], devices: number, scans: number): { queues: QueuedScan[][]; doubled: number } {
  const perDevice = Math.floor(scans / devices);
  const dupsPerDevice = Math.floor(perDevice / 10);
  const own = perDevice - dupsPerDevice;
  const now = Date.now();
  const at = () => new Date(now - 60_000 - Math.floor(Math.random() * 30 * 60_000)).toISOString();
  const scan = (code: string): QueuedScan => ({ code, nonce: randomUUID(), scannedAt: at(), offline: true, localDecision: 'admit' });
  const result = Array.from({ length: devices }, (_, d) => {
    const mine = codes.slice(d * own, (d + 1) * own).map(scan);
    const neighbour = (d + 1) % devices;
    const theirs = codes.slice(neighbour * own, neighbour * own + dupsPerDevice).map(scan);
    return [...mine, ...theirs].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  });
  return { queues: result, doubled: devices * dupsPerDevice };
}

/** Uploads every queue at once, each phone its batches in order, as the phones do when the network comes back. */
async function uploadAll(url: string, tokens: string[], all: QueuedScan[][], batchSize: number) {
  let conflicts = 0, batches = 0;
  const started = performance.now();
  await Promise.all(all.map(async (queue, d) => {
    const client = new Client(url, { keepAliveTimeout: 30_000 });
    try {
      for (let i = 0; i < queue.length; i += batchSize) {
        const res = await client.request({
          method: 'POST', path: '/v1/scans/batch',
          headers: { authorization: `Bearer ${tokens[d]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ scans: queue.slice(i, i + batchSize) }),
        });
        const body = await res.body.json() as { answers?: { conflictId: string | null; decision: string }[] };
        if (res.statusCode !== 200 || !body.answers) throw new Error(`upload answered ${res.statusCode}: ${JSON.stringify(body).slice(0, 200)}`);
        conflicts += body.answers.filter((a) => a.conflictId).length;
        batches++;
      }
    } finally {
      await client.close();
    }
  }));
  return { seconds: (performance.now() - started) / 1000, conflicts, batches };
}

/**
 * `scans` queued offline scans from `devices` phones uploaded in batches of
 * `batchSize` to the real server, then the invariants: the log adds up to the
 * counts, no double first entry except recorded conflicts, every doubled
 * code one conflict and one item with its earliest scan as its first entry.
 */
export async function benchOffline(options: { target: BenchTarget; scans: number; devices: number; batchSize: number }): Promise<OfflineReport> {
  const { target, scans, devices, batchSize } = options;
  const db = await runDatabase(target, 'offline');
  try {
    const scenario = await prepareScenario(db.sql, new CodeIssuer(new SecretBox(SECRET)), 'spread', devices);
    // Passes admit once while inside: a second admission of an inside pass is a double admission.
    await db.sql`update events set vip_reentry = 'after_exit' where venue_id = ${scenario.venueId} and id = ${scenario.eventId}`;
    const planned = queues(scenario.passCodes, devices, scans);
    const server = await startServer(db.url);
    let uploaded: Awaited<ReturnType<typeof uploadAll>>;
    try {
      uploaded = await uploadAll(server.url, scenario.deviceTokens, planned.queues, batchSize);
    } finally {
      await server.stop();
    }
    const report = await checkInvariants(db.sql, scenario.eventId);
    const [placed] = await db.sql<{ misplaced: number; items: number }[]>`
      select (select count(*)::int from guest_passes p
               where p.venue_id = ${scenario.venueId} and p.event_id = ${scenario.eventId}
                 and p.first_entry_scan_id is distinct from (
                   select l.id from scan_log l where l.venue_id = p.venue_id and l.subject_id = p.id and l.decision = 'admit'
                    order by l.scanned_at, l.id limit 1)
                 and exists (select 1 from scan_log l where l.venue_id = p.venue_id and l.subject_id = p.id)) as misplaced,
             (select count(*)::int from attention_items a
               where a.venue_id = ${scenario.venueId} and a.event_id = ${scenario.eventId} and a.kind = 'double_admit') as items`;
    const scanned = planned.queues.reduce((n, q) => n + q.length, 0);
    return {
      scans: scanned, devices, batchSize, batches: uploaded.batches,
      seconds: Math.round(uploaded.seconds * 100) / 100, scansPerSecond: Math.round(scanned / uploaded.seconds),
      doubled: planned.doubled, conflicts: uploaded.conflicts, doubleAdmitItems: placed!.items, misplacedFirstEntries: placed!.misplaced,
      invariants: {
        ...report,
        ok: report.logRows === scanned && report.doubleFirstEntries === 0 && report.counterMismatches === 0
          && report.conflictsWithoutItem === 0 && report.reservationMismatches === 0
          && uploaded.conflicts === planned.doubled && placed!.items === planned.doubled && placed!.misplaced === 0,
      },
    };
  } finally {
    await db.drop();
  }
}
