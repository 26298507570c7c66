import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** A path a comment or a document names: under one of the checkout's folders, with a file extension. */
const NAMED_FILE = /(?<![\w/.-])((?:src|db|test|docs|web|scripts|bin)\/[\w./-]+\.(?:ts|tsx|sql|md|sh|json|js|svg))/g;
/** "migration 007": a numbered migration. */
const NAMED_MIGRATION = /\bmigrations? (\d{3})\b/g;
const TEXT = /\.(ts|tsx|sql|md|sh|js)$/;

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n')
  .filter((f) => TEXT.test(f) && f !== 'db/schema.sql' && existsSync(f));
const migrations = execFileSync('git', ['ls-files', 'db/migrations'], { encoding: 'utf8' }).split('\n');

describe('a comment or document that names a file', () => {
  it('names one that exists (from the checkout\'s root or beside the file)', () => {
    const missing: string[] = [];
    for (const file of tracked) {
      const text = readFileSync(file, 'utf8');
      for (const [, named] of text.matchAll(NAMED_FILE)) {
        if (!existsSync(named!) && !existsSync(path.join(path.dirname(file), named!))) missing.push(`${file}: ${named}`);
      }
      for (const [, version] of text.matchAll(NAMED_MIGRATION)) {
        if (!migrations.some((m) => m.startsWith(`db/migrations/${version}.`))) missing.push(`${file}: migration ${version}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
