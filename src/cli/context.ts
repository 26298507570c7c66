import { readConfig, type Config } from '../config.js';
import { connect, type Sql } from '../db/connect.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';

/** Opens the database (embedded or DATABASE_URL), migrates it, runs `work`, and closes everything. */
export async function withDatabase<T>(work: (sql: Sql, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openDatabase(config, (msg) => console.error(msg));
  const sql = connect(db.url, { max: 2 });
  try {
    await migrate(sql);
    return await work(sql, config);
  } finally {
    await sql.end();
    await db.stop();
  }
}
