import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Sql } from '../db/connect.js';

/** Prometheus metrics of one process. */
export function createMetrics(sql: Sql, applicationName: string) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const scans = new Counter({
    name: 'maguey_scans_total', help: 'Scans decided, by decision and reason',
    labelNames: ['decision', 'reason'] as const, registers: [registry],
  });
  const scanSeconds = new Histogram({
    name: 'maguey_scan_duration_seconds', help: 'Time to decide a scan, request in to answer out',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry],
  });
  new Gauge({
    name: 'maguey_db_connections', help: "This process's database connections, by state",
    labelNames: ['state'] as const, registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ state: string; n: number }[]>`
        select coalesce(state, 'unknown') as state, count(*)::int as n
          from pg_stat_activity where application_name = ${applicationName} group by 1`;
      for (const row of rows) this.set({ state: row.state === 'active' ? 'in_use' : row.state }, row.n);
    },
  });
  return { registry, scans, scanSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;
