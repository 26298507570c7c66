import type { Sql } from './connect.js';

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
 * issued. Idempotent: what exists is left as it is.
 */
export async function seedVipTest(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`insert into venues (id, name) values (${VIP_TEST.venueId}, 'Maguey Test Venue') on conflict do nothing`;
    await tx`
      insert into events (id, venue_id, name, starts_at, ends_at, doors_open_at)
      values (${VIP_TEST.eventId}, ${VIP_TEST.venueId}, 'VIP Test Night',
              date_trunc('day', now()) + interval '22 hours', date_trunc('day', now()) + interval '28 hours',
              date_trunc('day', now()) + interval '21 hours')
      on conflict do nothing`;
    for (const number of VIP_TEST.tableNumbers) {
      await tx`
        insert into vip_tables (venue_id, event_id, number, tier, capacity, min_spend_cents)
        values (${VIP_TEST.venueId}, ${VIP_TEST.eventId}, ${number}, 'gold', 10, 100000)
        on conflict (venue_id, event_id, number) do nothing`;
    }
    await tx`
      insert into vip_reservations (id, venue_id, event_id, table_id, host_name, host_email, guest_count, status)
      select ${VIP_TEST.reservationId}, ${VIP_TEST.venueId}, ${VIP_TEST.eventId}, t.id, 'VIP Test Host', 'vip-test@example.com',
             ${VIP_TEST.guestCount}, 'confirmed'
        from vip_tables t where t.venue_id = ${VIP_TEST.venueId} and t.event_id = ${VIP_TEST.eventId} and t.number = '101'
      on conflict do nothing`;
    const passes = VIP_TEST.passCodes.map((code, i) => ({
      venue_id: VIP_TEST.venueId, event_id: VIP_TEST.eventId, reservation_id: VIP_TEST.reservationId,
      pass_number: i + 1, kind: i === 0 ? 'host' : 'guest', code,
    }));
    await tx`insert into guest_passes ${tx(passes)} on conflict do nothing`;
  });
}
