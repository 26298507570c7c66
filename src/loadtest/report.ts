import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ScenarioReport } from './bench.js';
import type { CapacityReport } from './capacity.js';

/** The results as a Markdown table (docs/benchmarks.md between its result markers). */
export function markdownTable(reports: ScenarioReport[]): string {
  // The database column only where Citus is in the table (its runs sit beside plain PostgreSQL's).
  const withDatabase = reports.some((r) => r.database === 'Citus');
  const rows = reports.map((r) => {
    const o = r.ours;
    const errors = Object.entries(o.errors).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
    return `|${withDatabase ? ` ${r.database} |` : ''} ${r.scenario} | ${o.scanners} | ${o.throughput} | ${r.pgbench?.tps ?? '–'} | **${r.ratio ?? '–'}×** | ${r.minimal?.tps ?? '–'} | **${r.ratioToMinimal ?? '–'}×** | ${o.latencyMs.p50} / ${o.latencyMs.p90} / ${o.latencyMs.p99} / ${o.latencyMs.max} | ${r.pgbench?.latencyAvgMs ?? '–'} | ${o.maxRssMb ?? '–'} | ${errors} | ${r.invariants.ok ? 'ok' : 'FAILED'} |`;
  });
  return [
    `|${withDatabase ? ' database |' : ''} scenario | scanners | ours, scans/s | pgbench, tps | ours ÷ pgbench | minimal redeem, tps | ours ÷ minimal | ours p50 / p90 / p99 / max, ms | pgbench avg, ms | server RSS max, MB | errors | invariants |`,
    `|${withDatabase ? '---|' : ''}---|---|---|---|---|---|---|---|---|---|---|---|`,
    ...rows,
  ].join('\n');
}

/** Throughput against scanners, ours and pgbench, as an SVG drawn by vega-lite. */
export async function scannersChart(points: { scanners: number; who: string; throughput: number }[]): Promise<string> {
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'spread: scans per second against concurrent scanners',
    width: 480, height: 280,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'scanners', type: 'quantitative', scale: { type: 'log', base: 2 }, axis: { values: [8, 16, 32, 64] }, title: 'scanners (connections)' },
      y: { field: 'throughput', type: 'quantitative', title: 'scans per second' },
      color: { field: 'who', type: 'nominal', title: null },
    },
  }).spec;
  return new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
}

/** What a person reads in the terminal. */
export function printReport(r: ScenarioReport): void {
  const o = r.ours;
  console.log([
    `\n${r.scenario} on ${r.database}: ${o.scanners} scanners, ${o.seconds} s`,
    `  ours     ${o.throughput} scans/s   p50 ${o.latencyMs.p50} ms  p90 ${o.latencyMs.p90} ms  p99 ${o.latencyMs.p99} ms  max ${o.latencyMs.max} ms   server RSS max ${o.maxRssMb ?? '?'} MB`,
    r.pgbench ? `  pgbench  ${r.pgbench.tps} tps         avg ${r.pgbench.latencyAvgMs} ms   →  ours ÷ pgbench = ${r.ratio}×` : '  pgbench  (skipped)',
    r.minimal ? `  minimal  ${r.minimal.tps} tps         avg ${r.minimal.latencyAvgMs} ms   →  ours ÷ minimal redeem = ${r.ratioToMinimal}×` : '  minimal  (skipped)',
    `  answers  ${o.requests} (${o.admitted} admitted, ${o.denied} denied), errors: ${JSON.stringify(o.errors)}`,
    `  checks   first entries unique: ${r.invariants.doubleFirstEntries === 0}, log rows = answers: ${r.invariants.logRowsEqualAnswers} (${r.invariants.logRows}), `
      + `reservations = log: ${r.invariants.reservationMismatches === 0}, counters = log: ${r.invariants.counterMismatches === 0}`,
  ].join('\n'));
}

/** The capacity pair: throughput on ÷ off, and what the cap check saw. */
export function printCapacity(r: CapacityReport): void {
  const c = r.on.capacity!;
  console.log([
    `\ncapacity: ${r.on.ours.scanners} scanners, ${r.on.ours.seconds} s each, every scan an entry or an exit`,
    `  off      ${r.off.ours.throughput} scans/s   p99 ${r.off.ours.latencyMs.p99} ms`,
    `  on       ${r.on.ours.throughput} scans/s   p99 ${r.on.ours.latencyMs.p99} ms   (capacity ${c.capacity})`,
    `  on ÷ off = ${r.ratio}×`,
    `  cap      ${c.samples} samples during the run: most inside ${c.maxInside}, over capacity ${c.overCapacity}, places + inside ≠ capacity ${c.unbalanced}; `
      + `after: ${c.insideAfter} inside, places + inside = capacity: ${r.on.invariants.placesMismatch === 0}`,
    `  checks   on: ${r.on.invariants.ok ? 'ok' : 'FAILED'}, off: ${r.off.invariants.ok ? 'ok' : 'FAILED'}`,
  ].join('\n'));
}
