import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { benchScenario, scratchDatabase, type ScenarioReport } from '../loadtest/bench.js';
import { benchListReads, listReadsTable, type ListReadsReport } from '../loadtest/list-reads.js';
import { markdownTable, printReport, scannersChart } from '../loadtest/report.js';
import { SCENARIOS, type ScenarioName } from '../loadtest/scenarios.js';

const SWEEP = [8, 16, 32, 64];
const DOC = 'docs/benchmarks.md';
const CHART = 'docs/benchmark-scanners.svg';

interface Options {
  scenario: ScenarioName; scanners: string; duration: string; json?: boolean; all?: boolean; sweep?: boolean; baseline: boolean;
  pool?: string; profile?: string; lists?: boolean; rows: string;
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
 * The database server is DATABASE_URL's, or the local one on 5432.
 */
export function registerLoadtest(program: Command): void {
  program
    .command('loadtest')
    .description('load the door with virtual scanners and compare with pgbench on the same SQL (docs/benchmarks.md)')
    .addOption(new Option('--scenario <name>', 'what to run').choices(SCENARIOS).default('spread'))
    .option('--scanners <n>', 'concurrent scanners, each its own device and connection', '32')
    .option('--duration <seconds>', 'how long each run lasts', '15')
    .option('--no-baseline', 'skip pgbench')
    .option('--pool <n>', "the server's database pool size")
    .option('--profile <dir>', "write the server's V8 CPU profile (.cpuprofile) into this folder")
    .option('--lists', 'only the list reads (scan log, occupancy) on a long synthetic log, with their plans')
    .option('--rows <n>', 'log rows for --lists', '1000000')
    .option('--sweep', 'spread at 8/16/32/64 scanners, ours and pgbench, drawn to docs/benchmark-scanners.svg')
    .option('--all', 'every scenario, then the sweep; rewrites the results in docs/benchmarks.md')
    .option('--json', 'print the results as JSON')
    .action(async (opts: Options) => {
      const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
      const seconds = Number(opts.duration);
      const quiet = Boolean(opts.json) || !process.stdout.isTTY;
      const reports: ScenarioReport[] = [];
      const scenarios = opts.all ? SCENARIOS : opts.sweep || opts.lists ? [] : [opts.scenario];
      for (const scenario of scenarios) {
        const scanners = scenario === 'seed' ? 5 : Number(opts.scanners);
        const report = await benchScenario({ adminUrl, scenario, scanners, seconds: scenario === 'seed' ? Math.min(seconds, 5) : seconds, baseline: opts.baseline, quiet, poolSize: opts.pool ? Number(opts.pool) : undefined, profileDir: opts.profile });
        reports.push(report);
        if (!opts.json) printReport(report);
      }
      const sweep: ScenarioReport[] = [];
      if (opts.all || opts.sweep) {
        for (const scanners of SWEEP) {
          const report = await benchScenario({ adminUrl, scenario: 'spread', scanners, seconds: Math.min(seconds, 10), baseline: true, quiet });
          sweep.push(report);
          if (!opts.json) printReport(report);
        }
        writeFileSync(CHART, await scannersChart(sweep.flatMap((r) => [
          { scanners: r.ours.scanners, who: 'Maguey Pass over HTTP', throughput: r.ours.throughput },
          { scanners: r.ours.scanners, who: 'pgbench on redeem_scan()', throughput: r.pgbench!.tps },
        ])));
      }
      let lists: ListReadsReport | null = null;
      if (opts.all || opts.lists) {
        lists = await listReads(adminUrl, Number(opts.rows));
        if (!opts.json) console.log(`\nlist reads\n${listReadsTable(lists)}`);
      }
      if (opts.all) {
        const doc = readFileSync(DOC, 'utf8').replace(/<!-- lists:start -->[\s\S]*<!-- lists:end -->/,
          `<!-- lists:start -->\nMeasured ${new Date().toISOString()} by \`npm run bench\`.\n\n${listReadsTable(lists!)}\n<!-- lists:end -->`);
        const table = `${markdownTable(reports)}\n\nSweep (spread):\n\n${markdownTable(sweep)}`;
        writeFileSync(DOC, doc.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/,
          `<!-- results:start -->\nMeasured ${new Date().toISOString()} by \`npm run bench\`.\n\n${table}\n<!-- results:end -->`));
      }
      if (opts.json) console.log(JSON.stringify({ reports, sweep, lists }, null, 2));
      if ([...reports, ...sweep].some((r) => !r.invariants.ok)) process.exitCode = 1;
    });
}
