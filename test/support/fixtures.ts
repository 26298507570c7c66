import type { Sql } from '../../src/db/connect.js';
import { createDevice } from '../../src/db/devices.js';
import { createEvent, createTable, createVenue } from '../../src/db/events.js';
import { createReservation, transitionReservation } from '../../src/db/reservations.js';
import type { Scanner } from '../../src/db/scans.js';
import { CodeIssuer } from '../../src/db/keys.js';
import { SecretBox } from '../../src/domain/secret-box.js';

/** The server secret of the tests (test/support/app.ts uses the same). */
export const TEST_SECRET = 'test-secret-0123456789abcdef';
/** Signs codes the way the app does, with the tests' secret. */
export const testIssuer = new CodeIssuer(new SecretBox(TEST_SECRET));

export interface Night {
  venueId: string;
  eventId: string;
  reservations: { id: string; tableId: string; codes: string[] }[];
}

/** A venue and tonight's event with `reservations` confirmed tables of `guests` passes each. */
export async function makeNight(sql: Sql, options: { reservations: number; guests: number; capacity?: number }): Promise<Night> {
  const venue = await createVenue(sql, { name: 'Test Venue' });
  const now = Date.now();
  const event = await createEvent(sql, {
    venueId: venue.id, name: 'Test Night',
    startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 6 * 3_600_000),
    capacity: options.capacity ?? null,
  });
  const reservations: Night['reservations'] = [];
  for (let i = 0; i < options.reservations; i++) {
    const table = await createTable(sql, { venueId: venue.id, eventId: event.id, number: String(i + 1), capacity: Math.max(options.guests, 1) });
    const reservation = await createReservation(sql, {
      venueId: venue.id, eventId: event.id, tableId: table.id, hostName: `Host ${i + 1}`, guestCount: options.guests,
    });
    const confirmed = await transitionReservation(sql, venue.id, reservation.id, 'confirmed', testIssuer);
    reservations.push({ id: reservation.id, tableId: table.id, codes: confirmed.passes.map((p) => p.code) });
  }
  return { venueId: venue.id, eventId: event.id, reservations };
}

/** `n` enrolled scanners, each its own device with its own gate letter. */
export async function makeScanners(sql: Sql, venueId: string, n: number, eventId: string | null = null): Promise<Scanner[]> {
  const scanners: Scanner[] = [];
  for (let i = 0; i < n; i++) {
    const gate = String.fromCharCode(65 + (i % 26));
    const { device } = await createDevice(sql, { venueId, name: `Scanner ${i + 1}`, gate, eventId });
    scanners.push({ kind: 'device', deviceId: device.id, venueId, eventId, gate });
  }
  return scanners;
}

let nonceCounter = 0;
/** A fresh client nonce. */
export const nonce = () => `n-${process.pid}-${++nonceCounter}-${Math.random().toString(36).slice(2, 8)}`;
