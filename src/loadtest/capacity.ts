import { benchScenario, type BenchTarget, type ScenarioReport } from './bench.js';

export interface CapacityReport {
  off: ScenarioReport;
  on: ScenarioReport;
  /** Throughput with the capacity on ÷ off. */
  ratio: number;
}

/** The capacity pair, off then on, the same load each (issue 15: on ≥ 0.95× off, the cap never exceeded). */
export async function benchCapacity(options: { target: BenchTarget; scanners: number; seconds: number; quiet?: boolean; poolSize?: number }): Promise<CapacityReport> {
  const run = (scenario: 'capacity-off' | 'capacity-on') => benchScenario({ ...options, scenario, baseline: false });
  const off = await run('capacity-off');
  const on = await run('capacity-on');
  return { off, on, ratio: Math.round((on.ours.throughput / off.ours.throughput) * 100) / 100 };
}
