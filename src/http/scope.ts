import type { Sql } from '../db/connect.js';
import { findEvent, type EventRow } from '../db/events.js';
import { findOrder, findTicket, type TicketRow } from '../db/orders.js';
import type { Principal } from '../db/principals.js';
import { findPass, findReservation, type ReservationRow } from '../db/reservations.js';
import { notFound } from '../domain/errors.js';
import { findGuestList, type GuestListRow } from '../db/guest-lists.js';
import { findGuest, type GuestRow } from '../db/guests.js';

/**
 * Everything is scoped to the caller's venue: another venue's things do not
 * exist (404). Within the venue a promoter sees and changes only what they
 * booked or sold themselves, and their own guest lists; to them anyone
 * else's reservation, order, ticket, pass, list or guest does not exist either.
 */
export const onlyOwn = (principal: Principal): string | undefined =>
  principal.kind === 'staff' && principal.role === 'promoter' ? principal.id : undefined;

const mayTouch = (principal: Principal, createdBy: string | null) => {
  const own = onlyOwn(principal);
  return own === undefined || createdBy === own;
};

export async function eventOf(sql: Sql, principal: Principal, eventId: string): Promise<EventRow> {
  const event = await findEvent(sql, principal.venueId, eventId);
  if (!event) throw notFound('event', eventId);
  return event;
}

export async function reservationOf(sql: Sql, principal: Principal, id: string): Promise<ReservationRow> {
  const reservation = await findReservation(sql, principal.venueId, id);
  if (!reservation || !mayTouch(principal, reservation.created_by)) throw notFound('reservation', id);
  return reservation;
}

export async function ticketOf(sql: Sql, principal: Principal, id: string): Promise<TicketRow> {
  const ticket = await findTicket(sql, principal.venueId, id);
  if (!ticket) throw notFound('ticket', id);
  if (onlyOwn(principal)) {
    const order = await findOrder(sql, principal.venueId, ticket.order_id);
    if (!order || !mayTouch(principal, order.created_by)) throw notFound('ticket', id);
  }
  return ticket;
}

export async function passOf(sql: Sql, principal: Principal, id: string): Promise<{ id: string; code: string }> {
  const pass = await findPass(sql, principal.venueId, id);
  if (!pass) throw notFound('pass', id);
  if (onlyOwn(principal)) await reservationOf(sql, principal, pass.reservation_id).catch(() => { throw notFound('pass', id); });
  return pass;
}

/** A guest list of the venue; to a promoter, only one of their own. */
export async function guestListOf(sql: Sql, principal: Principal, id: string): Promise<GuestListRow> {
  const list = await findGuestList(sql, principal.venueId, id);
  if (!list || !mayTouch(principal, list.promoter_id)) throw notFound('guest list', id);
  return list;
}

/** A guest of the venue; to a promoter, only one on their own lists. */
export async function guestOf(sql: Sql, principal: Principal, id: string): Promise<GuestRow> {
  const guest = await findGuest(sql, principal.venueId, id);
  if (!guest || !mayTouch(principal, guest.promoter_id)) throw notFound('guest', id);
  return guest;
}
