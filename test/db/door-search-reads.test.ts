import { beforeAll, describe, expect, it } from 'vitest';
import { doorSearch } from '../../src/db/door-search.js';
import { createEvent, createVenue } from '../../src/db/events.js';
import type { EventRef } from '../../src/db/keys.js';
import { addSyntheticSubjects } from '../../src/db/synthetic-subjects.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
// Big enough that reading the event whole (18,000 tickets) is told apart from a search's few hundred rows.
const SUBJECTS = 20_000;
let night: EventRef;
let ticket: { id: string; code: string; order_id: string };

beforeAll(async () => {
  // Another venue first: the name indexes span every venue, as in production.
  for (const [name, subjects] of [['Other venue', 2_000], ['Search venue', SUBJECTS]] as const) {
    const venue = await createVenue(db.sql, { name });
    const startsAt = new Date();
    const event = await createEvent(db.sql, { venueId: venue.id, name: 'Big night', startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) });
    night = { venueId: venue.id, eventId: event.id };
    await addSyntheticSubjects(db.sql, night, subjects);
  }
  ticket = (await db.sql<{ id: string; code: string; order_id: string }[]>`
    select id, code, order_id from tickets where venue_id = ${night.venueId} limit 1`)[0]!;
});

// Nine in ten subjects are tickets, each with its order: 36,000 rows. The VIP
// tables are small enough here (2,000 passes) that PostgreSQL rightly reads them whole.
const SUBJECT_TABLES = ['tickets', 'orders'];

/**
 * The rows of tickets and orders one search read, and its answer: the
 * difference of PostgreSQL's own counters of this connection (which also
 * hold its earlier, not yet reported transactions) around the search.
 */
async function search(q: string) {
  return db.sql.begin(async (tx) => {
    const rowsRead = async () => (await tx<{ rows: number }[]>`
      select coalesce(sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)), 0)::int as rows
        from pg_stat_xact_user_tables where relname = any (${SUBJECT_TABLES})`)[0]!.rows;
    const before = await rowsRead();
    const matches = await doorSearch(tx, night, q);
    return { matches, rows: (await rowsRead()) - before };
  });
}

describe(`door search among ${SUBJECTS.toLocaleString('en')} subjects of one event`, () => {
  it('never reads its tickets or orders whole: at most 6,000 of their 36,000 rows, whatever is typed', async () => {
    for (const q of ['nunez', 'ana', 'zoe bac', 'garcia 1', 'qqqq', ticket.code.slice(-6), 'T17', ticket.order_id.slice(0, 8), 'zz']) {
      const { rows } = await search(q);
      expect(rows, q).toBeLessThan(6_000);
    }
  });

  it('finds by a folded part of a name, by a code suffix, a table and an order number', async () => {
    const byName = (await search('nunez 4')).matches;
    expect(byName).toHaveLength(20);
    expect(byName.every((m) => /Núñez 4/.test(m.holderName ?? ''))).toBe(true);
    expect((await search(ticket.code.slice(-6))).matches.map((m) => m.subjectId)).toContain(ticket.id);
    expect((await search(ticket.order_id.slice(0, 8))).matches.map((m) => m.subjectId)).toContain(ticket.id);
    expect((await search('T17')).matches.map((m) => [m.kind, m.tableNumber])).toEqual(Array(10).fill(['vip_pass', 'T17']));
    expect((await search('zz')).matches).toEqual([]);
    expect((await search('100%_')).matches).toEqual([]);
  });
});
