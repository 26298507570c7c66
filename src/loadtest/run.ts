import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import * as hdr from 'hdr-histogram-js';
import { Client } from 'undici';
import type { Scenario } from './scenarios.js';

export interface LoadResult {
  scanners: number;
  seconds: number;
  requests: number;
  /** 200 answers that were not replays: each must be one scan_log row. */
  decided: number;
  admitted: number;
  denied: number;
  throughput: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: Record<string, number>;
  maxRssMb: number | null;
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * N virtual scanners, each its own device token and keep-alive connection,
 * scanning back to back for `seconds`. Latency is request out → answer in.
 */
export async function runLoad(options: {
  url: string; scenario: Scenario; scanners: number; seconds: number; serverPid?: number; quiet?: boolean;
}): Promise<LoadResult> {
  const { scenario, scanners, seconds } = options;
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const errors: Record<string, number> = {};
  let requests = 0, decided = 0, admitted = 0, denied = 0;
  let maxRss: number | null = null;
  const run = Date.now().toString(36);
  const started = Date.now();
  const deadline = started + seconds * 1000;

  const bar = options.quiet ? null : new cliProgress.SingleBar({
    format: `${scenario.name.padEnd(6)} {bar} {value}/{total} s · {tps} scans/s · {errors} errors`, hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  bar?.start(seconds, 0, { tps: 0, errors: 0 });
  const ticker = setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    if (options.serverPid) {
      const rss = rssMb(options.serverPid);
      if (rss !== null) maxRss = Math.max(maxRss ?? 0, rss);
    }
    bar?.update(Math.min(seconds, Math.round(elapsed)), {
      tps: Math.round(decided / elapsed), errors: Object.values(errors).reduce((a, b) => a + b, 0),
    });
  }, 250);

  const scanner = async (k: number) => {
    const client = new Client(options.url, { keepAliveTimeout: 30_000, pipelining: 1 });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${scenario.deviceTokens[k]}` };
    try {
      for (let i = 0; Date.now() < deadline; i++) {
        const { code, direction } = scenario.next(k, i);
        const body = JSON.stringify({ code, direction, nonce: `${run}-${k}-${i}` });
        const t0 = process.hrtime.bigint();
        try {
          const res = await client.request({ method: 'POST', path: '/v1/scans', headers, body });
          const answer = (await res.body.json()) as { decision?: string; replayed?: boolean };
          histogram.recordValue(Number((process.hrtime.bigint() - t0) / 1000n));
          requests++;
          if (res.statusCode === 200 && !answer.replayed) {
            decided++;
            if (answer.decision === 'admit') admitted++; else denied++;
          } else if (res.statusCode !== 200) {
            errors[`http_${res.statusCode}`] = (errors[`http_${res.statusCode}`] ?? 0) + 1;
          }
        } catch (error) {
          const kind = (error as { code?: string }).code ?? 'network';
          errors[kind] = (errors[kind] ?? 0) + 1;
        }
      }
    } finally {
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: scanners }, (_, k) => scanner(k)));
  clearInterval(ticker);
  bar?.update(seconds);
  bar?.stop();

  const elapsed = (Date.now() - started) / 1000;
  const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 10) / 100;
  return {
    scanners, seconds: Math.round(elapsed * 10) / 10, requests, decided, admitted, denied,
    throughput: Math.round(decided / elapsed),
    latencyMs: { p50: ms(50), p90: ms(90), p99: ms(99), max: Math.round(histogram.maxValue / 10) / 100 },
    errors, maxRssMb: maxRss === null ? null : Math.round(maxRss),
  };
}
