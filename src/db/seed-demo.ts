import { randomBytes } from 'node:crypto';
import type { ReservationStatus } from '../domain/lists.js';
import type { Sql } from './connect.js';
import type { CodeIssuer } from './keys.js';
import { createDevice } from './devices.js';
import { createTable, updateEvent } from './events.js';
import { createTicketType, linkTicket, placeOrder, setOrderStatus } from './orders.js';
import { createReservation, transitionReservation } from './reservations.js';
import { redeemScan } from './scans.js';
import { seedVipTest, VIP_TEST } from './seed-vip-test.js';
import { createStaff } from './staff.js';

export interface DemoCredentials {
  url?: string;
  owner: { email: string; password: string };
  door: { email: string; password: string };
  deviceToken: string;
  /** A paid GA ticket nobody has used yet, for the README's walk-through. */
  sampleTicket?: { id: string; code: string };
}

const HOSTS = ['Valeria Ríos', 'Diego Marín', 'Sofía Lucero', 'Mateo Salas', 'Camila Ortega', 'Andrés Vidal', 'Lucía Paredes', 'Javier Cruz', 'Renata Flores'];
const password = () => randomBytes(9).toString('base64url');

/** True when the database holds no venue yet (a fresh install). */
export async function isEmpty(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ empty: boolean }[]>`select not exists (select 1 from venues) as empty`;
  return row!.empty;
}

/**
 * Tonight at the demo club: the VIP test fixture (tables 101–103, reservation
 * aaaaaaaa-…, passes VIP-TEST-GUEST-01…08) plus tables 104–112 with
 * reservations in every status, an owner, a door person and a scanner.
 * Arrivals are real scans, so the log and the counters agree from the start.
 */
export async function seedDemo(sql: Sql, issuer: CodeIssuer): Promise<DemoCredentials> {
  const venueId = await seedVipTest(sql);
  const eventId = VIP_TEST.eventId;
  await sql`update venues set name = 'Maguey Demo Club', timezone = ${Intl.DateTimeFormat().resolvedOptions().timeZone} where id = ${venueId}`;
  await updateEvent(sql, venueId, eventId, { name: 'Saturday Night', capacity: 300 });
  await sql`update vip_tables set x = 10 + (number::int - 101) * 27, y = 12 where venue_id = ${venueId} and event_id = ${eventId}`;

  const credentials: DemoCredentials = {
    owner: { email: 'owner@maguey.local', password: password() },
    door: { email: 'door@maguey.local', password: password() },
    deviceToken: '',
  };
  await createStaff(sql, { venueId, email: credentials.owner.email, name: 'Demo Owner', role: 'owner', password: credentials.owner.password });
  await createStaff(sql, { venueId, email: credentials.door.email, name: 'Demo Door', role: 'door', password: credentials.door.password });
  const { device, token } = await createDevice(sql, { venueId, name: 'Door A iPad', gate: 'A', eventId });
  credentials.deviceToken = token;
  const scanner = { kind: 'device', deviceId: device.id, venueId, eventId, gate: 'A' } as const;

  // Where each demo reservation ends up; `arrived` guests come in through real scans.
  const plan: { status: ReservationStatus; guests: number; arrived: number }[] = [
    { status: 'pending', guests: 4, arrived: 0 },
    { status: 'pending', guests: 6, arrived: 0 },
    { status: 'confirmed', guests: 6, arrived: 0 },
    { status: 'confirmed', guests: 8, arrived: 0 },
    { status: 'checked_in', guests: 10, arrived: 6 },
    { status: 'checked_in', guests: 5, arrived: 2 },
    { status: 'completed', guests: 4, arrived: 4 },
    { status: 'cancelled', guests: 6, arrived: 0 },
    { status: 'no_show', guests: 8, arrived: 0 },
  ];
  for (const [i, step] of plan.entries()) {
    const slot = i + 3; // after tables 101–103, four to a row
    const table = await createTable(sql, {
      venueId, eventId, number: String(104 + i), tier: i < 3 ? 'gold' : 'silver', capacity: 10,
      minSpendCents: i < 3 ? 100_000 : 50_000, x: 10 + (slot % 4) * 27, y: 12 + Math.floor(slot / 4) * 30,
    });
    const { id } = await createReservation(sql, {
      venueId, eventId, tableId: table.id, hostName: HOSTS[i]!, guestCount: step.guests, depositCents: 20_000,
    });
    if (step.status === 'pending') continue;
    const { passes } = await transitionReservation(sql, venueId, id, 'confirmed', issuer);
    for (const pass of passes.slice(0, step.arrived)) {
      await redeemScan(sql, { scanner, code: pass.code, nonce: `demo-${pass.id}` });
    }
    if (!['confirmed', 'checked_in'].includes(step.status)) await transitionReservation(sql, venueId, id, step.status, issuer);
  }

  // GA: three ticket types, paid orders, one unpaid, one refunded, a ticket
  // linked to a table, and a few arrivals through real scans.
  const ga = await createTicketType(sql, { venueId, eventId, name: 'General Admission', priceCents: 2_500, feeCents: 300, inventory: 250 });
  const reentry = await createTicketType(sql, { venueId, eventId, name: 'GA · Re-entry', priceCents: 3_500, feeCents: 300, inventory: 50, reentry: 'after_exit' });
  await createTicketType(sql, { venueId, eventId, name: 'Comp', priceCents: 0, inventory: 20, reentry: 'always' });
  const buyers = ['Ana Torres', 'Luis Méndez', 'Paula Gil', 'Hugo Ramos', 'Elena Soto'];
  const orders = [];
  for (const [i, buyer] of buyers.entries()) {
    orders.push(await placeOrder(sql, issuer, {
      venueId, eventId, buyerName: buyer, buyerEmail: `${buyer.split(' ')[0]!.toLowerCase()}@example.com`,
      lines: [{ ticketTypeId: i % 2 ? reentry.id : ga.id, quantity: 2 }], paid: true, createdBy: null,
    }));
  }
  await placeOrder(sql, issuer, { venueId, eventId, buyerName: 'Iván Cruz', buyerEmail: 'ivan@example.com', lines: [{ ticketTypeId: ga.id, quantity: 1 }], paid: false, createdBy: null });
  const refunded = await placeOrder(sql, issuer, { venueId, eventId, buyerName: 'Marta Rey', buyerEmail: 'marta@example.com', lines: [{ ticketTypeId: ga.id, quantity: 1 }], paid: true, createdBy: null });
  await setOrderStatus(sql, venueId, refunded.id, 'refunded');
  const [tableGuest] = await sql<{ id: string }[]>`select id from vip_reservations where venue_id = ${venueId} and event_id = ${eventId} and status = 'checked_in' order by guest_count limit 1`;
  await linkTicket(sql, venueId, orders[4]!.tickets[1]!.id, tableGuest!.id);
  for (const order of orders.slice(0, 3)) {
    await redeemScan(sql, { scanner, code: order.tickets[0]!.code, nonce: `demo-${order.tickets[0]!.id}` });
  }
  credentials.sampleTicket = { id: orders[4]!.tickets[0]!.id, code: orders[4]!.tickets[0]!.code };
  return credentials;
}
