import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';

export interface CitusDatabase {
  /** A pool on the coordinator. */
  sql: Sql;
  url: string;
  /** `n` separate single-connection clients (real parallel sessions), connected. */
  clients(n: number): Promise<Sql[]>;
}

/**
 * The cluster's one migrated database (test/citus/global-setup.ts), shared by
 * every file: no CREATE DATABASE … TEMPLATE on Citus (the workers would not
 * follow). Files keep apart by venue, which is what the tenant model is for.
 */
export function useCitus(): CitusDatabase {
  const opened: Sql[] = [];
  const handle = {} as CitusDatabase;
  beforeAll(() => {
    const url = inject('citusUrl');
    const sql = connect(url, { max: 8 });
    opened.push(sql);
    Object.assign(handle, {
      sql, url,
      async clients(n: number) {
        const clients = Array.from({ length: n }, () => connect(url, { max: 1 }));
        opened.push(...clients);
        await Promise.all(clients.map((c) => c`select 1`));
        return clients;
      },
    });
  });
  afterAll(() => Promise.all(opened.map((s) => s.end())));
  return handle;
}
