import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readConfig, type Config } from '../../src/config.js';
import { seedDemo, type DemoCredentials } from '../../src/db/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createSession, createStaff, findStaffByEmail } from '../../src/db/staff.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_SECRET, testIssuer } from './fixtures.js';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface AppHarness {
  app: TestApp;
  db: TestDatabase;
  demo: DemoCredentials;
  /** Bearer tokens of a logged-in staff member of each role, and of the demo scanner. */
  tokens: Record<'owner' | 'manager' | 'promoter' | 'door' | 'device', string>;
  /** Authorization header for a token. */
  auth(token: string): { authorization: string };
}

/** Configuration for tests: resets allowed, rate limits out of the way unless a test sets them, mail in a folder of its own. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig({}), secret: TEST_SECRET, outboxDir: mkdtempSync(path.join(tmpdir(), 'maguey-outbox-')), allowReset: true, loginAttemptsPerMinute: 1000, loginAttemptsPerAccountPerMinute: 1000,
    manualScansPerMinute: 1000, failedScansPerMinute: 1_000_000, checkoutsPerMinute: 1000, ...overrides };
}

/** A started app (not listening; use inject) on a fresh database with the demo data. */
export async function createAppHarness(overrides: Partial<Config> = {}): Promise<AppHarness & { close(): Promise<void> }> {
  const db = await createTestDatabase();
  const demo = await seedDemo(db.sql, testIssuer);
  const app = await buildApp({ sql: db.sql, config: testConfig(overrides) });
  await app.ready();
  // Sessions are opened directly, so log-in rate limits set by a test do not get in the way.
  const sessionOf = async (email: string) => createSession(db.sql, (await findStaffByEmail(db.sql, email))!.id);
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  for (const role of ['manager', 'promoter'] as const) {
    await createStaff(db.sql, { venueId: VIP_TEST.venueId, email: `${role}@maguey.local`, name: role, role, password: `${role}-password-123` });
  }
  const tokens = {
    owner: await sessionOf(demo.owner.email), manager: await sessionOf('manager@maguey.local'),
    promoter: await sessionOf('promoter@maguey.local'), door: await sessionOf(demo.door.email), device: demo.deviceToken,
  };
  return {
    app, db, demo, tokens, auth,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** The harness for a whole test file. */
export function useApp(overrides: Partial<Config> = {}): AppHarness {
  const harness = {} as AppHarness & { close(): Promise<void> };
  beforeAll(async () => {
    Object.assign(harness, await createAppHarness(overrides));
  });
  afterAll(() => harness.close?.());
  return harness;
}
