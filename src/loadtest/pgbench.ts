import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Scenario } from './scenarios.js';

export interface PgbenchResult { clients: number; seconds: number; tps: number; latencyAvgMs: number }

/** What pgbench calls: our own redeem_scan(), or the least a scan must do (src/loadtest/minimal-redeem.sql). */
export type Baseline = 'redeem_scan' | 'minimal';

/** pgbench's call for one scan of a code, by a scanner of its own per client. */
function callOf(baseline: Baseline, scenario: Scenario, code: string, exitShare: number): string[] {
  const scanner = "('00000000-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))::uuid";
  const nonce = "'pgb-' || :client_id || '-' || :n";
  if (baseline === 'minimal') return [`select minimal_redeem('${scenario.venueId}', ${code}, ${scanner}, ${nonce});`];
  return [
    'select redeem_scan(',
    `  p_venue_id    => '${scenario.venueId}',`,
    '  p_token_hash  => null,',
    `  p_device_id   => ${scanner},`,
    '  p_staff_id    => null,',
    '  p_bound_event => null,',
    "  p_gate        => 'A',",
    `  p_nonce       => ${nonce},`,
    `  p_code        => row('plain', ${code}, null, null, null, null, false)::scanned_code,`,
    `  p_direction   => case when :d <= ${exitShare} then 'exit'::scan_direction else 'entry'::scan_direction end,`,
    '  p_scanned_at  => null);',
  ];
}

/**
 * The baselines: pgbench driving the server's own SQL function,
 * redeem_scan(), or the minimal redeem, on the same data shape with the same
 * number of clients. Each pgbench client is a scanner of its own; codes are
 * drawn at random like ours.
 */
export async function runPgbench(url: string, scenario: Scenario, clients: number, seconds: number, baseline: Baseline = 'redeem_scan'): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'maguey-pgbench-'));
  const script = path.join(dir, 'scan.sql');
  // Pass codes are LOAD-<table>-<pass>; pick a table and a pass like the load test picks a code.
  const tables = new Set(scenario.passCodes.map((c) => c.split('-')[1])).size;
  const guests = scenario.passCodes.length / tables;
  const exitShare = scenario.name === 'mixed' ? 30 : 0;
  writeFileSync(script, [
    `\\set t random(1, ${tables})`,
    `\\set p random(1, ${scenario.name === 'seed' ? 5 : guests})`,
    '\\set n random(1, 1000000000000)',
    '\\set d random(1, 100)',
    ...callOf(baseline, scenario, "'LOAD-' || :t || '-' || :p", exitShare),
    '',
  ].join('\n'));
  const { stdout } = await promisify(execFile)('pgbench', [
    '-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-M', 'prepared', '-f', script, url,
  ], { maxBuffer: 10 * 1024 * 1024 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's output:\n${stdout}`);
  return { clients, seconds, tps: Math.round(tps), latencyAvgMs: latency };
}
