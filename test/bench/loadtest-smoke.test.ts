import { execFileSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { benchScenario } from '../../src/loadtest/bench.js';

const hasPgbench = (() => {
  try {
    execFileSync('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

// A correctness test of the load test itself (never of speed): a short `seed`
// run against a real server process, its invariant check, and its report.
describe('maguey loadtest', () => {
  it('runs the seed scenario and finds the log, the counters and the reservations consistent', async () => {
    const report = await benchScenario({ target: { server: inject('adminUrl') }, scenario: 'seed', scanners: 5, seconds: 2, baseline: hasPgbench, quiet: true });
    expect(report.scenario).toBe('seed');
    expect(report.ours.decided).toBeGreaterThan(0);
    expect(report.ours.errors).toEqual({});
    expect(report.ours.admitted).toBe(report.ours.decided); // VIP passes re-enter freely
    expect(report.invariants).toMatchObject({ ok: true, doubleFirstEntries: 0, counterMismatches: 0, reservationMismatches: 0, logRowsEqualAnswers: true });
    expect(report.invariants.logRows).toBe(report.ours.decided);
    expect(Object.keys(report.ours.latencyMs)).toEqual(['p50', 'p90', 'p99', 'max']);
    if (hasPgbench) expect(report.pgbench!.tps).toBeGreaterThan(0);
  });
});
