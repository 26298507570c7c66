import type { Config } from '../config.js';
import { startEmbeddedPostgres } from './embedded.js';

/** Where the database is, and how to let it go when the process is done. */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL (one code path either way). */
export async function openDatabase(config: Config, log: (msg: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort, log });
  return { url: pg.url, embedded: true, stop: pg.stop };
}
