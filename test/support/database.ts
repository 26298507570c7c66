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
}

const CLONE_LOCK = 7_424_238_002;

/**
 * Gives the calling test file a database of its own, cloned from the migrated
 * template (test/support/global-setup.ts), dropped when the file is done.
 */
export function useTestDatabase(): TestDatabase {
  const adminUrl = inject('adminUrl');
  const name = `maguey_test_${randomBytes(6).toString('hex')}`;
  const url = withDatabaseName(adminUrl, name);
  const opened: Sql[] = [];
  const handle = { url } as TestDatabase;

  beforeAll(async () => {
    const admin = connect(adminUrl, { max: 1 });
    // Clones of one template are made one at a time: CREATE DATABASE refuses
    // a template that another clone is reading.
    await admin`select pg_advisory_lock(${CLONE_LOCK})`;
    try {
      await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
    } finally {
      await admin`select pg_advisory_unlock(${CLONE_LOCK})`;
      await admin.end();
    }
    handle.sql = connect(url, { max: 8 });
    opened.push(handle.sql);
  });

  handle.clients = async (n) => {
    const clients = Array.from({ length: n }, () => connect(url, { max: 1 }));
    opened.push(...clients);
    await Promise.all(clients.map((c) => c`select 1`));
    return clients;
  };

  afterAll(async () => {
    await Promise.all(opened.map((s) => s.end()));
    const admin = connect(adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  return handle;
}
