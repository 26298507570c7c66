import type { Sql } from './connect.js';
import { STAFF_GATE } from './scans.js';

/** The seed fixture of the original platform, with fixed ids so tests and people can name it. */
export const VIP_TEST = {
  venueId: 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb',
  eventId: 'cccccccc-cccc-cccc-cccc-cccccccccccc',
  reservationId: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
  tableNumbers: ['101', '102', '103'],
  guestCount: 8,
  passCodes: Array.from({ length: 8 }, (_, i) => `VIP-TEST-GUEST-${String(i + 1).padStart(2, '0')}`),
} as const;

/**
 * Creates the VIP test fixture: an event, tables 101–103, reservation
 * aaaaaaaa-… confirmed for 8 guests at table 101, passes VIP-TEST-GUEST-01…08
 * issued. It goes into the installation's venue when there is one (so
 * `staff create` then `seed` works as well as the other way round), else
 * into a venue of its own. Idempotent, except that each run opens the
 * event's door window around now, so the seed scenario works at any hour.
 * Returns the fixture's venue.
 */
export async function seedVipTest(sql: Sql): Promise<string> {
  return sql.begin(async (tx) => {
    const [installed] = await tx<{ id: string }[]>`
      select id from venues order by id = ${VIP_TEST.venueId} desc, created_at limit 1`;
    const venueId = installed?.id ?? VIP_TEST.venueId;
    await tx`insert into venues (id, name) values (${venueId}, 'Maguey Test Venue') on conflict do nothing`;
    await tx`insert into venue_gates (venue_id, name) values (${venueId}, ${STAFF_GATE}) on conflict do nothing`;
    await tx`
      insert into events (id, venue_id, name, starts_at, ends_at, doors_open_at)
      values (${VIP_TEST.eventId}, ${venueId}, 'VIP Test Night', now(), now() + interval '6 hours', now())
      on conflict do nothing`;
    await tx`
      update events set starts_at = now() - interval '1 hour', doors_open_at = now() - interval '1 hour',
                        ends_at = greatest(ends_at, now() + interval '5 hours')
       where venue_id = ${venueId} and id = ${VIP_TEST.eventId}`;
    for (const number of VIP_TEST.tableNumbers) {
      await tx`
        insert into vip_tables (venue_id, event_id, number, tier, capacity, min_spend_cents)
        values (${venueId}, ${VIP_TEST.eventId}, ${number}, 'gold', 10, 100000)
        on conflict (venue_id, event_id, number) do nothing`;
    }
    await tx`
      insert into vip_reservations (id, venue_id, event_id, table_id, host_name, host_email, guest_count, status)
      select ${VIP_TEST.reservationId}, ${venueId}, ${VIP_TEST.eventId}, t.id, 'VIP Test Host', 'vip-test@example.com',
             ${VIP_TEST.guestCount}, 'confirmed'
        from vip_tables t where t.venue_id = ${venueId} and t.event_id = ${VIP_TEST.eventId} and t.number = '101'
      on conflict do nothing`;
    const passes = VIP_TEST.passCodes.map((code, i) => ({
      venue_id: venueId, event_id: VIP_TEST.eventId, reservation_id: VIP_TEST.reservationId,
      pass_number: i + 1, kind: i === 0 ? 'host' : 'guest', code,
    }));
    await tx`insert into guest_passes ${tx(passes)} on conflict do nothing`;
    return venueId;
  });
}
