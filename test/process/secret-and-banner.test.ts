import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MISMATCH } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'maguey-banner-'));
});
afterAll(async () => {
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts a server on this file's database, waits for its banner, and stops it. */
async function startAndStop(secret: string): Promise<string> {
  const server: ServerProcess = await startServerProcess(db.url, { MAGUEY_DEMO: '1', MAGUEY_SECRET: secret, MAGUEY_DATA_DIR: path.join(dataDir, 'postgres') });
  server.process.kill('SIGTERM');
  await server.exited;
  return server.output();
}

describe('a server', () => {
  it('prints the demo passwords and the device token once, when it creates them', async () => {
    const first = await startAndStop('the-first-secret-0123456789');
    const token = /device token \(Door A iPad\): (\S+)/.exec(first)?.[1];
    const password = /owner\s+\S+ \/ (\S+)/.exec(first)?.[1];
    expect(token).toBeDefined();
    expect(password).toBeDefined();
    // The demo night is on sale: the banner links its public buy page.
    expect(first).toMatch(/buy tickets http:\/\/localhost:\d+\/e\/[0-9a-f-]{36}/);
    const second = await startAndStop('the-first-secret-0123456789');
    expect(second).toContain('Maguey Pass is running');
    expect(second).not.toContain(token!);
    expect(second).not.toContain(password!);
  }, 240_000); // two server starts

  it('with another MAGUEY_SECRET than the database was set up with refuses to start, in one sentence', async () => {
    const started = startServerProcess(db.url, { MAGUEY_SECRET: 'another-secret-9876543210', MAGUEY_DATA_DIR: path.join(dataDir, 'postgres') });
    const error = await started.then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain(SECRET_MISMATCH);
    expect(error?.message).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);
});
