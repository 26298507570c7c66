import type { Sql } from '../db/connect.js';
import { findEvent, type EventRow } from '../db/events.js';
import type { Principal } from '../db/principals.js';
import { findReservation, type ReservationRow } from '../db/reservations.js';
import { notFound } from '../domain/errors.js';

/** Everything is scoped to the caller's venue: another venue's things do not exist (404). */
export async function eventOf(sql: Sql, principal: Principal, eventId: string): Promise<EventRow> {
  const event = await findEvent(sql, principal.venueId, eventId);
  if (!event) throw notFound('event', eventId);
  return event;
}

export async function reservationOf(sql: Sql, principal: Principal, id: string): Promise<ReservationRow> {
  const reservation = await findReservation(sql, principal.venueId, id);
  if (!reservation) throw notFound('reservation', id);
  return reservation;
}
