import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { benchScenario, scratchDatabase, type BenchTarget, type ScenarioReport } from '../loadtest/bench.js';
import { benchCapacity, type CapacityReport } from '../loadtest/capacity.js';
import { benchListReads, listReadsTable, type ListReadsReport } from '../loadtest/list-reads.js';
import { benchOffline, type OfflineReport } from '../loadtest/offline.js';
import { markdownTable, printCapacity, printReport, scannersChart } from '../loadtest/report.js';
import { SCENARIOS, type ScenarioName } from '../loadtest/scenarios.js';

const SWEEP = [8, 16, 32, 64];
const DOC = 'docs/benchmarks.md';
const CHART = 'docs/benchmark-scanners.svg';

interface Options {
  databaseUrl?: string; scenario: ScenarioName; scanners: string; duration: string; json?: boolean; all?: boolean; sweep?: boolean;
  baseline: boolean; pool?: string; profile?: string; lists?: boolean; rows: string;
  offline?: boolean; scans: string; devices: string; batch: string; capacity?: boolean;
}

/** The list reads on a long log, on a scratch database of their own. */
async function listReads(adminUrl: string, rows: number): Promise<ListReadsReport> {
  const db = await scratchDatabase(adminUrl, 'lists');
  try {
    return await benchListReads(db.sql, { rows, events: 40, runs: 200 });
  } finally {
    await db.drop();
  }
}

/**
 * `maguey loadtest`: scenarios against a real server process on a fresh
 * database, each beside pgbench on the same SQL function and data.
 * The database server is DATABASE_URL's, or the local one on 5432; with
 * --database-url, that one database (a Citus coordinator, say) is used in
 * place, each run in a venue of its own, and `--all` runs every scenario
 * there and then on plain PostgreSQL, writing both into the Citus section of
 * docs/benchmarks.md instead (no sweep).
 */
export function registerLoadtest(program: Command): void {
  program
    .command('loadtest')
    .description('load the door with virtual scanners and compare with pgbench on the same SQL (docs/benchmarks.md)')
    .addOption(new Option('--scenario <name>', 'what to run').choices(SCENARIOS).default('spread'))
    .option('--database-url <url>', 'run in this database as it is (e.g. a Citus coordinator) instead of fresh databases on DATABASE_URL\'s server')
    .option('--scanners <n>', 'concurrent scanners, each its own device and connection', '32')
    .option('--duration <seconds>', 'how long each run lasts', '15')
    .option('--no-baseline', 'skip pgbench')
    .option('--pool <n>', "the server's database pool size")
    .option('--profile <dir>', "write the server's V8 CPU profile (.cpuprofile) into this folder")
    .option('--sweep', 'spread at 8/16/32/64 scanners, ours and pgbench, drawn to docs/benchmark-scanners.svg')
    .option('--lists', 'only the list reads (scan log, occupancy, door search) on a long synthetic log, with their plans')
    .option('--rows <n>', 'log rows for --lists', '1000000')
    .option('--offline', 'only the offline door: queued scans from several phones uploaded in batches, then the invariants')
    .option('--scans <n>', 'queued scans for --offline', '10000')
    .option('--devices <n>', 'phones for --offline', '8')
    .option('--batch <n>', 'scans per upload for --offline (at most 500)', '500')
    .option('--capacity', 'only the capacity pair: the same entries and exits with the event\'s capacity off and on (1,000,000), reported as on ÷ off')
    .option('--all', 'every scenario, then the sweep (not with --database-url); rewrites its section of docs/benchmarks.md')
    .option('--json', 'print the results as JSON')
    .action(async (opts: Options) => {
      const server: BenchTarget = { server: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
      const target: BenchTarget = opts.databaseUrl ? { database: opts.databaseUrl } : server;
      // --all with --database-url: each scenario there, then on plain PostgreSQL, so the two sit side by side.
      const targets = opts.databaseUrl && opts.all ? [target, server] : [target];
      const section = opts.databaseUrl ? 'citus' : 'results';
      const seconds = Number(opts.duration);
      const quiet = Boolean(opts.json) || !process.stdout.isTTY;
      const reports: ScenarioReport[] = [];
      const scenarios = opts.all ? SCENARIOS : opts.sweep || opts.lists || opts.offline || opts.capacity ? [] : [opts.scenario];
      for (const scenario of scenarios) {
        for (const where of targets) {
          const scanners = scenario === 'seed' ? 5 : Number(opts.scanners);
          const report = await benchScenario({ target: where, scenario, scanners, seconds: scenario === 'seed' ? Math.min(seconds, 5) : seconds, baseline: opts.baseline, quiet, poolSize: opts.pool ? Number(opts.pool) : undefined, profileDir: opts.profile });
          reports.push(report);
          if (!opts.json) printReport(report);
        }
      }
      const sweep: ScenarioReport[] = [];
      if ((opts.all && !opts.databaseUrl) || opts.sweep) {
        for (const scanners of SWEEP) {
          const report = await benchScenario({ target, scenario: 'spread', scanners, seconds: Math.min(seconds, 10), baseline: true, quiet });
          sweep.push(report);
          if (!opts.json) printReport(report);
        }
        writeFileSync(CHART, await scannersChart(sweep.flatMap((r) => [
          { scanners: r.ours.scanners, who: 'Maguey Pass over HTTP', throughput: r.ours.throughput },
          { scanners: r.ours.scanners, who: 'pgbench on redeem_scan()', throughput: r.pgbench!.tps },
        ])));
      }
      let offline: OfflineReport | null = null;
      if (opts.all || opts.offline) {
        offline = await benchOffline({ target, scans: Number(opts.scans), devices: Number(opts.devices), batchSize: Number(opts.batch) });
        if (!opts.json) console.log(`\noffline door\n${JSON.stringify(offline, null, 2)}`);
      }
      let capacity: CapacityReport | null = null;
      if (opts.all || opts.capacity) {
        capacity = await benchCapacity({ target, scanners: Number(opts.scanners), seconds: Math.min(seconds, 10), quiet, poolSize: opts.pool ? Number(opts.pool) : undefined });
        if (!opts.json) printCapacity(capacity);
      }
      let lists: ListReadsReport | null = null;
      if ((opts.all && !opts.databaseUrl) || opts.lists) {
        lists = await listReads(server.server, Number(opts.rows));
        if (!opts.json) console.log(`\nlist reads\n${listReadsTable(lists)}`);
      }
      if (lists && opts.all) {
        writeFileSync(DOC, readFileSync(DOC, 'utf8').replace(/<!-- lists:start -->[\s\S]*<!-- lists:end -->/,
          `<!-- lists:start -->\nMeasured ${new Date().toISOString()} by \`npm run bench\`.\n\n${listReadsTable(lists)}\n<!-- lists:end -->`));
      }
      if (opts.all) {
        const doc = readFileSync(DOC, 'utf8');
        const table = sweep.length > 0 ? `${markdownTable(reports)}\n\nSweep (spread):\n\n${markdownTable(sweep)}` : markdownTable(reports);
        const command = opts.databaseUrl ? 'npm run bench -- --database-url <coordinator>' : 'npm run bench';
        const markers = new RegExp(`<!-- ${section}:start -->[\\s\\S]*<!-- ${section}:end -->`);
        if (!markers.test(doc)) throw new Error(`${DOC} has no <!-- ${section}:start --> … <!-- ${section}:end --> section`);
        writeFileSync(DOC, doc.replace(markers,
          `<!-- ${section}:start -->\nMeasured ${new Date().toISOString()} by \`${command}\`.\n\n${table}\n<!-- ${section}:end -->`));
      }
      if (opts.json) console.log(JSON.stringify({ reports, sweep, offline, capacity, lists }, null, 2));
      if ([...reports, ...sweep, ...(offline ? [offline] : []), ...(capacity ? [capacity.off, capacity.on] : [])].some((r) => !r.invariants.ok)) process.exitCode = 1;
    });
}
