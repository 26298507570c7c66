import type { AppHarness } from './app.js';
import { gaClient } from './ga.js';
import { nonce } from './fixtures.js';

/** A table as the API shows a reservation's money (GET /v1/reservations/{id}). */
export interface BookingView {
  id: string; status: string; depositCents: number; minSpendCents: number; paidCents: number; refundedCents: number;
  spentCents: number; minSpendRemainingCents: number; balanceDueCents: number; holdExpiresAt: string | null;
  passes?: { id: string; code: string }[];
}

/** An event on tonight with one table taking a deposit (50.00 by default) toward its minimum (200.00). */
export async function tableNight(h: AppHarness, table: { depositCents?: number; minSpendCents?: number; capacity?: number } = {}) {
  const eventId = await gaClient(h).event();
  const tableId = await addTable(h, eventId, table);
  return { eventId, tableId };
}

export async function addTable(h: AppHarness, eventId: string, table: { depositCents?: number; minSpendCents?: number; capacity?: number } = {}) {
  const res = await h.app.inject({
    method: 'POST', url: `/v1/events/${eventId}/tables`, headers: h.auth(h.tokens.owner),
    payload: { number: `T${nonce().slice(-5)}`, capacity: table.capacity ?? 6, depositCents: table.depositCents ?? 5_000, minSpendCents: table.minSpendCents ?? 20_000 },
  });
  if (res.statusCode !== 201) throw new Error(`table: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A public booking of the table: the booking and its deposit's Checkout Session. */
export async function bookTable(h: AppHarness, eventId: string, tableId: string, extra: object = {}) {
  const res = await h.app.inject({
    method: 'POST', url: `/v1/public/events/${eventId}/table-bookings`,
    payload: { tableId, hostName: 'Lucía Peña', hostEmail: 'lucia@example.com', guestCount: 4, ...extra },
  });
  if (res.statusCode !== 201) throw new Error(`booking: ${res.statusCode} ${res.body}`);
  const body = res.json() as { reservationId: string; depositCents: number; checkoutUrl: string; expiresAt: string };
  return { ...body, sessionId: body.checkoutUrl.split('/pay/')[1]! };
}

export async function booking(h: AppHarness, id: string, token = h.tokens.owner): Promise<BookingView> {
  return (await h.app.inject({ method: 'GET', url: `/v1/reservations/${id}`, headers: h.auth(token) })).json() as BookingView;
}

/** The booking's ledger rows, oldest first: [kind, amount] pairs. */
export async function bookingLedger(h: AppHarness, id: string): Promise<[string, number][]> {
  const rows = await h.db.sql<{ kind: string; amount_cents: number }[]>`
    select kind, amount_cents from ledger_entries where reservation_id = ${id} order by at, kind, id`;
  return rows.map((r) => [r.kind, r.amount_cents]);
}
