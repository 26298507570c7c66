// Writes db/schema.sql: the schema every migration adds up to, as pg_dump
// prints it, normalised, so each schema change shows in review.
// test/db/schema.test.ts fails when the committed file is stale.
//   npm run schema:dump            (uses DATABASE_URL or 127.0.0.1:5432)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';

/** pg_dump output without what changes from run to run or machine to machine. */
export function normalisedSchema(url: string): string {
  const dump = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', '--no-comments', url], { encoding: 'utf8' });
  return dump
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('SET ') && !line.startsWith('SELECT pg_catalog.set_config')
      && !line.startsWith('\\restrict') && !line.startsWith('\\unrestrict'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = connect(server, { max: 1 });
  const name = `maguey_schema_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const sql = connect(url.toString(), { max: 1 });
  try {
    await migrate(sql);
    await sql.end();
    writeFileSync('db/schema.sql', normalisedSchema(url.toString()));
    console.log('wrote db/schema.sql');
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
