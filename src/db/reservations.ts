import { randomUUID } from 'node:crypto';
import { notFound } from '../domain/errors.js';
import type { PassKind, PassStatus, ReservationStatus } from '../domain/lists.js';
import type { Queryable, Sql } from './connect.js';
import { keepDeposit, pastRefundLimit } from './kept-deposits.js';
import type { CodeIssuer } from './keys.js';
import { translateDbError } from './errors.js';

export interface ReservationRow {
  id: string; event_id: string; venue_id: string; table_id: string; table_number: string;
  host_name: string; host_email: string | null; host_phone: string | null;
  guest_count: number; deposit_cents: number; status: ReservationStatus; hold_expires_at: Date | null;
  /** From db/views/reservation_balances.sql. */
  min_spend_cents: number; paid_cents: number; refunded_cents: number; spent_cents: number;
  min_spend_remaining_cents: number; balance_due_cents: number;
  checked_in_guests: number; first_checked_in_at: Date | null;
  /** The staff member who booked it (a promoter sees only their own). */
  created_by: string | null;
  created_at: Date; updated_at: Date;
}

export interface PassRow {
  id: string; reservation_id: string; pass_number: number; kind: PassKind; code: string;
  status: PassStatus; inside: boolean; first_entry_at: Date | null;
}

export interface ReservationWithPasses extends ReservationRow { passes: PassRow[] }

export async function createReservation(sql: Sql, reservation: {
  id?: string; venueId: string; eventId: string; tableId: string; hostName: string; createdBy?: string | null;
  /** The promoter the booking is attributed to (their report and commission). */
  promoterId?: string | null;
  hostEmail?: string | null; hostPhone?: string | null; guestCount: number; depositCents?: number;
  /** A booking waiting for its deposit: holds the table until then (src/db/deposits.ts releases it), mailed in this language. */
  hold?: { expiresAt: Date; locale: 'en' | 'es' };
}): Promise<ReservationRow> {
  const [row] = await sql<{ id: string }[]>`
    insert into vip_reservations (id, venue_id, event_id, table_id, host_name, host_email, host_phone, guest_count,
                                  deposit_cents, created_by, promoter_id, hold_expires_at, host_locale)
    values (coalesce(${reservation.id ?? null}::uuid, gen_random_uuid()), ${reservation.venueId}, ${reservation.eventId},
            ${reservation.tableId}, ${reservation.hostName}, ${reservation.hostEmail ?? null}, ${reservation.hostPhone ?? null},
            ${reservation.guestCount}, ${reservation.depositCents ?? 0}, ${reservation.createdBy ?? null}, ${reservation.promoterId ?? null},
            ${reservation.hold?.expiresAt ?? null}, ${reservation.hold?.locale ?? 'en'})
    returning id`.catch(translateDbError);
  return (await findReservation(sql, reservation.venueId, row!.id))!;
}

export async function findReservation(sql: Sql, venueId: string, id: string): Promise<ReservationRow | undefined> {
  const [row] = await sql<ReservationRow[]>`
    select r.*, t.number as table_number, b.min_spend_cents, b.paid_cents, b.refunded_cents, b.spent_cents,
           b.min_spend_remaining_cents, b.balance_due_cents
      from vip_reservations r
      join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
      join reservation_balances b on b.venue_id = r.venue_id and b.reservation_id = r.id
     where r.venue_id = ${venueId} and r.id = ${id}`;
  return row;
}

export async function listReservations(sql: Sql, venueId: string, eventId: string, filter: {
  status?: ReservationStatus; limit: number; after: { at: Date; id: string } | null;
  /** Only the reservations this staff member booked. */
  createdBy?: string;
}): Promise<ReservationRow[]> {
  return sql<ReservationRow[]>`
    select r.*, t.number as table_number, b.min_spend_cents, b.paid_cents, b.refunded_cents, b.spent_cents,
           b.min_spend_remaining_cents, b.balance_due_cents
      from vip_reservations r
      join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
      join reservation_balances b on b.venue_id = r.venue_id and b.reservation_id = r.id
     where r.venue_id = ${venueId} and r.event_id = ${eventId}
       ${filter.status ? sql`and r.status = ${filter.status}::reservation_status` : sql``}
       ${filter.createdBy ? sql`and r.created_by = ${filter.createdBy}` : sql``}
       ${filter.after ? sql`and (r.created_at, r.id) > (${filter.after.at}, ${filter.after.id})` : sql``}
     order by r.created_at, r.id
     limit ${filter.limit + 1}`;
}

export async function getReservationWithPasses(sql: Sql, venueId: string, id: string): Promise<ReservationWithPasses> {
  const reservation = await findReservation(sql, venueId, id);
  if (!reservation) throw notFound('reservation', id);
  const passes = await sql<PassRow[]>`
    select p.id, p.reservation_id, p.pass_number, p.kind, p.code, p.status, p.inside,
           f.recorded_at as first_entry_at
      from guest_passes p left join scan_log f on f.venue_id = p.venue_id and f.id = p.first_entry_scan_id
     where p.venue_id = ${venueId} and p.reservation_id = ${id}
     order by p.pass_number`;
  return { ...reservation, passes };
}

/**
 * Moves a reservation to `to`; the status trigger (db/triggers/vip_reservations.vip_reservations_status_machine.sql)
 * decides whether that is allowed and raises MP409 (→ 409) when not.
 * Confirming issues the passes, one per guest, pass 1 the host's, once,
 * each with a signed code.
 */
export async function transitionReservation(sql: Sql, venueId: string, id: string, to: ReservationStatus, issuer: CodeIssuer, now = new Date()): Promise<ReservationWithPasses> {
  await sql.begin((tx) => moveReservation(tx, venueId, id, to, issuer, now));
  return getReservationWithPasses(sql, venueId, id);
}

/**
 * The move of transitionReservation in the caller's transaction. A
 * no-show keeps the deposit the venue holds, and so does a cancellation
 * after the event's refundableUntil (src/db/kept-deposits.ts); before
 * it, the caller refunds the deposit after commit.
 */
export async function moveReservation(tx: Queryable, venueId: string, id: string, to: ReservationStatus, issuer: CodeIssuer, now: Date): Promise<void> {
  // Lock: the reservation row (by the UPDATE), so two confirms at once
  // serialise. The passes are counted by the next statement, whose
  // snapshot sees what the first confirm committed while this one waited
  // (a count inside the UPDATE would not, and would issue them twice).
  const [row] = await tx<{ event_id: string; guest_count: number }[]>`
    update vip_reservations set status = ${to}::reservation_status where venue_id = ${venueId} and id = ${id}
    returning event_id, guest_count`.catch(translateDbError);
  if (!row) throw notFound('reservation', id);
  const [issued] = await tx<{ passes: number }[]>`
    select count(*)::int as passes from guest_passes where venue_id = ${venueId} and reservation_id = ${id}`;
  if (to === 'confirmed' && issued!.passes === 0) {
    const passes = [];
    for (let i = 0; i < row.guest_count; i++) {
      const passId = randomUUID();
      passes.push({
        id: passId, venue_id: venueId, event_id: row.event_id, reservation_id: id, pass_number: i + 1,
        kind: i === 0 ? 'host' : 'guest',
        code: await issuer.issue(tx, { venueId, eventId: row.event_id }, { kind: 'vip_pass', id: passId, serial: 1 }),
      });
    }
    await tx`insert into guest_passes ${tx(passes)}`;
  }
  if (to === 'no_show' || (to === 'cancelled' && (await pastRefundLimit(tx, venueId, row.event_id, now)))) {
    await keepDeposit(tx, venueId, id, to === 'no_show' ? 'kept: no-show' : 'kept: cancelled after the refund limit');
  }
}

/** Fields of a booking an editor may change; the guest count only while pending (passes are issued per guest on confirming). */
export interface ReservationPatch { hostName?: string; hostEmail?: string | null; hostPhone?: string | null; guestCount?: number }

/** Updates a booking; undefined when a guest count change meets a booking that is no longer pending. */
export async function updateReservation(sql: Sql, venueId: string, id: string, patch: ReservationPatch): Promise<ReservationRow | undefined> {
  const [row] = await sql<{ id: string }[]>`
    update vip_reservations set
      host_name   = case when ${'hostName' in patch} then ${patch.hostName ?? null}::text else host_name end,
      host_email  = case when ${'hostEmail' in patch} then ${patch.hostEmail ?? null}::text else host_email end,
      host_phone  = case when ${'hostPhone' in patch} then ${patch.hostPhone ?? null}::text else host_phone end,
      guest_count = case when ${'guestCount' in patch} then ${patch.guestCount ?? null}::integer else guest_count end
     where venue_id = ${venueId} and id = ${id} and (${!('guestCount' in patch)} or status = 'pending' or guest_count = ${patch.guestCount ?? null}::integer)
    returning id`;
  return row ? findReservation(sql, venueId, row.id) : undefined;
}

/** The audited, test-only reset (db/functions/reset_reservation.sql). */
export async function resetReservation(sql: Sql, venueId: string, id: string, actor: { name: string; staffId?: string | null }): Promise<string> {
  const [row] = await sql<{ reset_id: string }[]>`
    select reset_reservation(${venueId}, ${id}, ${actor.name}, ${actor.staffId ?? null}) as reset_id`.catch(translateDbError);
  return row!.reset_id;
}

/** A pass of the venue, by id. */
export async function findPass(sql: Sql, venueId: string, id: string): Promise<{ id: string; code: string; venue_id: string; reservation_id: string } | undefined> {
  const [row] = await sql<{ id: string; code: string; venue_id: string; reservation_id: string }[]>`
    select id, code, venue_id, reservation_id from guest_passes where venue_id = ${venueId} and id = ${id}`;
  return row;
}

/** What a table's passes mail shows: its host, table, night and every pass code. */
export async function passMailContent(sql: Sql, venueId: string, id: string) {
  const [reservation] = await sql<{
    status: ReservationStatus; host_name: string; host_email: string | null; table_number: string;
    event_name: string; starts_at: Date; venue_name: string; timezone: string;
  }[]>`
    select r.status, r.host_name, r.host_email, t.number as table_number, e.name as event_name, e.starts_at,
           v.name as venue_name, v.timezone
      from vip_reservations r
      join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
      join events e     on e.venue_id = r.venue_id and e.id = r.event_id
      join venues v     on v.id = r.venue_id
     where r.venue_id = ${venueId} and r.id = ${id}`;
  if (!reservation) return undefined;
  const passes = await sql<{ pass_number: number; code: string }[]>`
    select pass_number, code from guest_passes where venue_id = ${venueId} and reservation_id = ${id} order by pass_number`;
  return { ...reservation, passes };
}
