import { describe, expect, it } from 'vitest';
import { createDevice } from '../../src/db/devices.js';
import { createVenue } from '../../src/db/events.js';
import { redeemScan } from '../../src/db/scans.js';
import { seedVipTest, VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useTestDatabase } from '../support/database.js';
import { nonce } from '../support/fixtures.js';

const db = useTestDatabase();

describe('maguey seed --vip-test', () => {
  it('puts the fixture into the installation’s venue when `staff create` made it first, and its door admits the seed passes', async () => {
    const venue = await createVenue(db.sql, { name: 'My Venue' });
    expect(await seedVipTest(db.sql)).toBe(venue.id);
    const [event] = await db.sql`select venue_id from events where id = ${VIP_TEST.eventId}`;
    expect(event).toEqual({ venue_id: venue.id });
    const { device } = await createDevice(db.sql, { venueId: venue.id, name: 'Door', gate: 'A' });
    const answer = await redeemScan(db.sql, {
      scanner: { kind: 'device', deviceId: device.id, venueId: venue.id, eventId: null, gate: 'A' },
      code: VIP_TEST.passCodes[0]!, nonce: nonce(),
    });
    expect(answer).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
  });

  it('opens the fixture event’s door window around now each time it runs', async () => {
    await db.sql`update events set starts_at = now() - interval '30 days', ends_at = now() - interval '29 days', doors_open_at = null where id = ${VIP_TEST.eventId}`;
    await seedVipTest(db.sql);
    const [open] = await db.sql<{ open: boolean }[]>`
      select now() between coalesce(doors_open_at, starts_at) - make_interval(mins => early_entry_minutes)
                       and ends_at + make_interval(mins => late_entry_minutes) as open
        from events where id = ${VIP_TEST.eventId}`;
    expect(open).toEqual({ open: true });
  });
});
