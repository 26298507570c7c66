import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';

const root = mkdtempSync(path.join(tmpdir(), 'maguey-embedded-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its folder
const dataDir = path.join(root, 'pg');
const started: EmbeddedPostgres[] = [];

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

async function selectOne(url: string): Promise<number> {
  const sql = connect(url, { max: 1 });
  try {
    return (await sql<{ one: number }[]>`select 1 as one`)[0]!.one;
  } finally {
    await sql.end();
  }
}

afterAll(async () => {
  for (const pg of started) await pg.stop();
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(root, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('starts (creating its data folder), answers, and stops its postmaster', async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    started.push(pg);
    expect(await selectOne(pg.url)).toBe(1);
    const pid = postmasterPid();
    await pg.stop();
    started.pop();
    expect(alive(pid)).toBe(false);
  });

  it('recovers from a process killed with SIGKILL: stops the postmaster it left, then starts', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-child.ts', dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const stale = postmasterPid();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(alive(stale)).toBe(true); // the orphan keeps the data folder locked

    const pg = await startEmbeddedPostgres({ dataDir, port });
    started.push(pg);
    expect(alive(stale)).toBe(false);
    expect(postmasterPid()).not.toBe(stale);
    expect(await selectOne(pg.url)).toBe(1);
  });
});
