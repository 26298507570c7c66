import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { createEvent, createTable, createVenue } from '../../src/db/events.js';
import { resetReservation, transitionReservation } from '../../src/db/reservations.js';
import { DomainError } from '../../src/domain/errors.js';
import { RESERVATION_STATUSES, type ReservationStatus } from '../../src/domain/lists.js';
import { useTestDatabase } from '../support/database.js';
import { testIssuer } from '../support/fixtures.js';

const db = useTestDatabase();
let venueId: string;
let eventId: string;

// The state machine of DESIGN.md, written here independently of the SQL.
const ALLOWED = new Set([
  'pending>confirmed', 'confirmed>checked_in', 'checked_in>completed',
  'pending>cancelled', 'confirmed>cancelled', 'confirmed>no_show',
]);

beforeAll(async () => {
  venueId = (await createVenue(db.sql, { name: 'State Venue' })).id;
  eventId = (await createEvent(db.sql, { venueId, name: 'N', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) })).id;
});

let tables = 0;
/** A reservation in `status`, at a table of its own (a table has one live booking). */
async function reservationIn(status: ReservationStatus): Promise<string> {
  const table = (await createTable(db.sql, { venueId, eventId, number: `T${++tables}`, capacity: 10 })).id;
  const [row] = await db.sql<{ id: string }[]>`
    insert into vip_reservations (venue_id, event_id, table_id, host_name, guest_count, status)
    values (${venueId}, ${eventId}, ${table}, 'Host', 4, ${status}) returning id`;
  return row!.id;
}

/** 'O' = enabled for ordinary sessions (ALTER TABLE … DISABLE TRIGGER would make it 'D'). */
const triggerState = async (sql: Sql) =>
  (await sql<{ tgenabled: string }[]>`select tgenabled from pg_trigger where tgname = 'vip_reservations_status_machine'`)[0]!.tgenabled;

const statusOf = async (id: string) =>
  (await db.sql<{ status: string }[]>`select status from vip_reservations where id = ${id}`)[0]!.status;

describe('the reservation status machine, enforced by the database', () => {
  for (const from of RESERVATION_STATUSES) {
    for (const to of RESERVATION_STATUSES) {
      const allowed = from === to || ALLOWED.has(`${from}>${to}`);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, async () => {
        const id = await reservationIn(from);
        const update = db.sql`update vip_reservations set status = ${to}::reservation_status where id = ${id}`;
        if (allowed) {
          await update;
          expect(await statusOf(id)).toBe(to);
        } else {
          const error = await update.then(() => null, (e: unknown) => e);
          expect(error).toBeInstanceOf(postgres.PostgresError);
          expect((error as postgres.PostgresError).code).toBe('MP409');
          expect((error as postgres.PostgresError).message).toContain(`${from} → ${to}`);
          expect(await statusOf(id)).toBe(from);
        }
      });
    }
  }

  it('answers a forbidden move through the app as a 409 naming both states', async () => {
    const id = await reservationIn('cancelled');
    const error = await transitionReservation(db.sql, venueId, id, 'confirmed', testIssuer).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 409, code: 'illegal_reservation_transition', extra: { from: 'cancelled', to: 'confirmed' } });
    expect(await statusOf(id)).toBe('cancelled');
  });

  it('issues one signed pass per guest on confirm, pass 1 the host’s, and only once', async () => {
    const id = await reservationIn('pending');
    const confirmed = await transitionReservation(db.sql, venueId, id, 'confirmed', testIssuer);
    expect(confirmed.passes.map((p) => [p.pass_number, p.kind])).toEqual([[1, 'host'], [2, 'guest'], [3, 'guest'], [4, 'guest']]);
    expect(confirmed.passes.every((p) => p.code.startsWith('M1') && p.code.length <= 120)).toBe(true);
    const again = await transitionReservation(db.sql, venueId, id, 'confirmed', testIssuer); // same-status: a no-op
    expect(again.passes.map((p) => p.code)).toEqual(confirmed.passes.map((p) => p.code));
  });

  it('lets a reset move a reservation back only inside the resetting transaction, never disabling the trigger', async () => {
    const target = await reservationIn('checked_in');
    const other = await reservationIn('checked_in');
    const [outsider] = await db.clients(1);
    let triggerDuringReset = '';
    await db.sql.begin(async (tx) => {
      await tx`select reset_reservation(${venueId}, ${target}, 'test', null)`;
      triggerDuringReset = await triggerState(outsider!);
      // another session still cannot move any reservation backwards
      const refused = await outsider!`update vip_reservations set status = 'confirmed' where id = ${other}`.then(() => null, (e: { code: string }) => e.code);
      expect(refused).toBe('MP409');
      // and in this transaction, only the reset reservation may
      const inTx = await tx.savepoint((sp) => sp`update vip_reservations set status = 'confirmed' where id = ${other}`)
        .then(() => null, (e: { code: string }) => e.code);
      expect(inTx).toBe('MP409');
    });
    expect(triggerDuringReset).toBe('O');
    expect(await statusOf(target)).toBe('confirmed');
    expect(await statusOf(other)).toBe('checked_in');
    expect(await triggerState(db.sql)).toBe('O');
  });

  it('refuses to reset a reservation that does not exist (404)', async () => {
    const error = await resetReservation(db.sql, venueId, '00000000-0000-4000-8000-000000000000', { name: 'test' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
  });
});
