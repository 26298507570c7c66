import type { Command } from 'commander';
import { archivableEvents, archiveEventScans, type ArchivableEvent } from '../db/archive.js';
import type { Sql } from '../db/connect.js';
import { withDatabase } from './context.js';

export interface ArchiveResult { events: (ArchivableEvent & { moved: number })[]; moved: number }

/**
 * Moves the scans of every night over for more than `days` days into the
 * archive tables, `batch` rows per transaction so a door that is scanning
 * meanwhile waits on no long lock. Idempotent: a second run finds nothing;
 * a scan written to an old event meanwhile is moved by a later batch or run.
 */
export async function archiveOldNights(sql: Sql, options: { days: number; batch: number; onEvent?: (e: ArchivableEvent, moved: number) => void }): Promise<ArchiveResult> {
  const events: ArchiveResult['events'] = [];
  for (const event of await archivableEvents(sql, options.days)) {
    let moved = 0;
    for (let step; (step = await archiveEventScans(sql, event, options.batch)) > 0;) moved += step;
    events.push({ ...event, moved });
    options.onEvent?.(event, moved);
  }
  return { events, moved: events.reduce((n, e) => n + e.moved, 0) };
}

export function registerArchive(program: Command): void {
  program
    .command('archive')
    .description('move the scans of nights long over out of the live log into the archive tables (README: "Retention")')
    .option('--older-than <days>', 'archive events whose door closed (end + late entry window) more than this many days ago', '30')
    .option('--batch <rows>', 'scans moved per transaction', '5000')
    .action((opts: { olderThan: string; batch: string }) =>
      withDatabase(async (sql) => {
        const days = Number(opts.olderThan);
        const batch = Number(opts.batch);
        if (!Number.isInteger(days) || days < 0) throw new Error('--older-than takes a whole number of days');
        if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch takes a positive whole number');
        const result = await archiveOldNights(sql, {
          days, batch, onEvent: (e, moved) => console.log(`${e.endsAt.toISOString().slice(0, 10)}  ${e.name}: ${moved} scans archived`),
        });
        console.log(`${result.moved} scans of ${result.events.length} events archived`);
      }));
}
