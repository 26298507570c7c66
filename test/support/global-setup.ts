import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { connect } from '../../src/db/connect.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { withDatabaseName } from './urls.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/** TEST_DATABASE_URL, else the local server on 5432, else an embedded PostgreSQL started for this run. */
async function findServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const candidate = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = postgres(candidate, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return { url: candidate, stop: async () => {} };
  } catch {
    console.log(`no PostgreSQL at ${candidate.replace(/:[^:@/]*@/, ':***@')}; starting the embedded one for the tests`);
    return startEmbeddedPostgres({ dataDir: '.data/test-postgres', port: 54330, log: console.log });
  } finally {
    await probe.end();
  }
}

/** A migrated template database; each test file clones it (test/support/database.ts). */
export default async function setup(project: TestProject) {
  const server = await findServer();
  const template = `maguey_template_${process.pid}`;
  const admin = connect(server.url, { max: 1 });
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  const templateSql = connect(withDatabaseName(server.url, template), { max: 1 });
  await migrate(templateSql);
  await templateSql.end();
  project.provide('adminUrl', server.url);
  project.provide('templateDatabase', template);

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
    await server.stop();
  };
}
