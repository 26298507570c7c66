import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalisedSchema } from '../../scripts/schema-dump.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

/** pg_dump refuses a server newer than itself (e.g. the embedded 17 with Debian's 15 client). */
function pgDumpCanRead(serverMajor: number): boolean {
  try {
    const client = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    return Number(/(\d+)\./.exec(client)?.[1]) >= serverMajor;
  } catch {
    return false;
  }
}

describe('db/schema.sql', () => {
  it('is what the migrations build (regenerate with `npm run schema:dump`)', async ({ skip }) => {
    const [row] = await db.sql<{ server_version_num: string }[]>`show server_version_num`;
    if (!pgDumpCanRead(Math.floor(Number(row!.server_version_num) / 10000))) {
      // .ci/run installs a PostgreSQL whose pg_dump matches: CI never skips this silently.
      if (process.env.CI) throw new Error('CI needs a pg_dump that reads this server (.ci/run installs Debian\'s PostgreSQL)');
      skip('no pg_dump for this server version');
    }
    expect(normalisedSchema(db.url)).toBe(readFileSync('db/schema.sql', 'utf8'));
  });
});
