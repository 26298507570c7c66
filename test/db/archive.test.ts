import { beforeAll, describe, expect, it } from 'vitest';
import { archiveOldNights } from '../../src/cli/archive.js';
import { scanRowsOf } from '../../src/db/archive.js';
import { addSyntheticScans, createSyntheticHistory, type SyntheticHistory } from '../../src/db/synthetic-log.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
let h: SyntheticHistory;
// Six nights, one a day, the newest tonight: with --older-than 2, the three
// oldest (their door closed 3, 4 and 5 days ago) are archived.
const NIGHTS = 6;
const refs = () => h.eventIds.map((eventId) => ({ venueId: h.venueId, eventId }));

beforeAll(async () => {
  h = await createSyntheticHistory(db.sql, { rows: 6_000, events: NIGHTS, devices: 4 });
  // One annulled admission on the oldest night: its annulment moves with it.
  await db.sql`
    insert into scan_annulments (venue_id, scan_id, event_id, scanner_id)
    select venue_id, id, event_id, scanner_id from scan_log
     where venue_id = ${h.venueId} and event_id = ${h.eventIds[0]!} and decision = 'admit' limit 1`;
});

describe('maguey archive', () => {
  it('moves the scans and annulments of nights over for more than N days out of the live tables, and nothing else', async () => {
    const result = await archiveOldNights(db.sql, { days: 2, batch: 300 });
    expect(result.events.map((e) => [e.eventId, e.moved])).toEqual(h.eventIds.slice(0, 3).map((id) => [id, 1_000]));
    const rows = await Promise.all(refs().map((ref) => scanRowsOf(db.sql, ref)));
    expect(rows.map((r) => [r.live, r.archived])).toEqual([[0, 1_000], [0, 1_000], [0, 1_000], [1_000, 0], [1_000, 0], [1_000, 0]]);
    expect([rows[0]!.liveAnnulments, rows[0]!.archivedAnnulments]).toEqual([0, 1]);
  });

  it('is idempotent: a second run finds nothing to move', async () => {
    expect(await archiveOldNights(db.sql, { days: 2, batch: 300 })).toEqual({ events: [], moved: 0 });
    const rows = await Promise.all(refs().map((ref) => scanRowsOf(db.sql, ref)));
    expect(rows.map((r) => r.live + r.archived)).toEqual(Array(NIGHTS).fill(1_000));
  });

  it('keeps every scan in exactly one table while two archivers and a scanner write to the same old night at once', async () => {
    const other = await createSyntheticHistory(db.sql, { rows: 3_000, events: NIGHTS, devices: 4 });
    const oldest = { venueId: other.venueId, eventId: other.eventIds[0]! };
    const [archiverA, archiverB, door] = await db.clients(3);
    const writes = async () => {
      // 20 statements of 100 scans of the oldest night, nonces after the history's
      for (let i = 0; i < 20; i++) await addSyntheticScans(door!, { ...other, eventIds: [oldest.eventId] }, { rows: 100, first: 10_000 + i * 100 });
    };
    const [a, b] = await Promise.all([
      archiveOldNights(archiverA!, { days: 2, batch: 50 }),
      archiveOldNights(archiverB!, { days: 2, batch: 50 }),
      writes(),
    ]);
    const during = await scanRowsOf(db.sql, oldest);
    expect(during.live + during.archived).toBe(500 + 2_000);
    expect(a.moved + b.moved).toBeGreaterThanOrEqual(3 * 500);

    await archiveOldNights(db.sql, { days: 2, batch: 50 }); // what was written after the last batch
    expect(await scanRowsOf(db.sql, oldest)).toMatchObject({ live: 0, archived: 2_500 });
  });
});
