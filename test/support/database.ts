import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { withDatabaseName } from './urls.js';

export interface TestDatabase {
  /** A pool on this file's own database. */
  sql: Sql;
  url: string;
  /** Opens `n` separate single-connection clients (real parallel sessions), connected and ready. */
  clients(n: number): Promise<Sql[]>;
  /** Closes every pool and drops the database. */
  drop(): Promise<void>;
}

const CLONE_LOCK = 7_424_238_002;

/** A database of its own, cloned from the migrated template (test/support/global-setup.ts). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `maguey_test_${randomBytes(6).toString('hex')}`;
  const url = withDatabaseName(adminUrl, name);
  const admin = connect(adminUrl, { max: 1 });
  // Clones are made one at a time: CREATE DATABASE refuses a template that another clone is reading.
  await admin`select pg_advisory_lock(${CLONE_LOCK})`;
  try {
    await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
  } finally {
    await admin`select pg_advisory_unlock(${CLONE_LOCK})`;
    await admin.end();
  }
  const sql = connect(url, { max: 8 });
  const opened: Sql[] = [sql];
  return {
    sql,
    url,
    async clients(n) {
      const clients = Array.from({ length: n }, () => connect(url, { max: 1 }));
      opened.push(...clients);
      await Promise.all(clients.map((c) => c`select 1`));
      return clients;
    },
    async drop() {
      await Promise.all(opened.map((s) => s.end()));
      const dropper = connect(adminUrl, { max: 1 });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Gives the calling test file its own database for all its tests, dropped when the file is done. */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(handle, await createTestDatabase());
  });
  afterAll(() => handle.drop?.());
  return handle;
}
