import { afterAll, beforeAll } from 'vitest';
import { readConfig, type Config } from '../../src/config.js';
import { seedDemo, type DemoCredentials } from '../../src/db/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
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

/** Configuration for tests: resets allowed, rate limits out of the way unless a test sets them. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig({}), secret: TEST_SECRET, allowReset: true, loginAttemptsPerMinute: 1000, manualScansPerMinute: 1000, ...overrides };
}

/** A started app (not listening; use inject) on a fresh database with the demo data. */
export async function createAppHarness(overrides: Partial<Config> = {}): Promise<AppHarness & { close(): Promise<void> }> {
  const db = await createTestDatabase();
  const demo = await seedDemo(db.sql, testIssuer);
  const app = await buildApp({ sql: db.sql, config: testConfig(overrides) });
  await app.ready();
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
    return (res.json() as { token: string }).token;
  };
  const owner = await login(demo.owner.email, demo.owner.password);
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const extra: Record<'manager' | 'promoter', string> = { manager: '', promoter: '' };
  for (const role of ['manager', 'promoter'] as const) {
    const password = `${role}-password-123`;
    await app.inject({ method: 'POST', url: '/v1/staff', headers: auth(owner), payload: { email: `${role}@maguey.local`, name: role, role, password } });
    extra[role] = await login(`${role}@maguey.local`, password);
  }
  const tokens = { owner, ...extra, door: await login(demo.door.email, demo.door.password), device: demo.deviceToken };
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
