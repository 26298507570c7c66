import type { OrderStatus, PassStatus, ReentryPolicy, ReservationStatus, SubjectKind } from '../domain/lists.js';
import { CODE_PREFIX } from '../domain/code-format.js';
import { DomainError } from '../domain/errors.js';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { DoorData, DoorSubject } from '../offline/door-data.js';
import { NAME_IV_BYTES, NAME_KEY_LABEL } from '../offline/sealed-name.js';
import type { Queryable, Sql } from './connect.js';
import type { EventRef } from './keys.js';

/**
 * Door data for one event (src/offline/door-data.ts is the format): read in
 * one snapshot, so the subjects, the count inside and the keys agree.
 *
 * A delta sends every subject that changed after the cursor, stamped by
 * door_changed_at (db/migrations/013.do.door-data.sql) or moved by a scan
 * or an annul since. The cursor is the reading transaction's start, less
 * CURSOR_OVERLAP_MS: a writer that took its now() before that start but
 * committed after it is then still in the next delta (writes here last
 * milliseconds; resending a subject is harmless, the phone merges by id).
 */
const CURSOR_OVERLAP_MS = 5_000;

/** Keys of the venue's events that ended at most this long ago, so a code of another current event reads as wrong_event. */
const OTHER_EVENTS_KEYS_WITHIN = '2 days';

interface SubjectRow {
  id: string;
  kind: SubjectKind;
  status: PassStatus;
  serial: number;
  inside: boolean;
  reentry: ReentryPolicy | null;
  order_status: OrderStatus | null;
  reservation_id: string | null;
  reservation_status: ReservationStatus | null;
  valid_from: Date | null;
  valid_until: Date | null;
  party_size: number | null;
  party_entered: number | null;
  party_inside: number | null;
  code: string | null;
  holder_name: string | null;
  pass_number: number | null;
  guest_count: number | null;
  table_number: string | null;
  ticket_type_name: string | null;
  guest_list_name: string | null;
  guest_plus_ones: number | null;
}

/** 9999-12-31: PostgreSQL reads nothing later (src/http/formats.ts allows years 1–9999). */
const MAX_DATE_MS = Date.UTC(9999, 11, 31);

export function encodeCursor(at: Date): string {
  return Buffer.from(String(at.getTime())).toString('base64url');
}

/** The time a cursor names; 400 when it is not one this server gave (src/db/pagination.ts words it the same). */
export function decodeDoorCursor(cursor: string): Date {
  const ms = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > MAX_DATE_MS || encodeCursor(new Date(ms)) !== cursor) {
    throw new DomainError(400, 'invalid_cursor', 'cursor is not one this server issued', { errors: [{ field: '/cursor', message: 'unknown cursor' }] });
  }
  return new Date(ms);
}

/** The event's door data: whole when `since` is null, else the subjects changed since then. */
export async function readDoorData(sql: Sql, event: EventRef, since: Date | null): Promise<DoorData | null> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [row] = await tx<{
      id: string; name: string; starts_at: Date; timezone: string; door_opens: Date; door_closes: Date;
      capacity: number | null; vip_reentry: 'always' | 'after_exit'; inside: number; read_at: Date;
    }[]>`
      select e.id, e.name, e.starts_at, v.timezone,
             coalesce(e.doors_open_at, e.starts_at) - make_interval(mins => e.early_entry_minutes) as door_opens,
             e.ends_at + make_interval(mins => e.late_entry_minutes) as door_closes,
             e.capacity, e.vip_reentry, now() as read_at,
             (select coalesce(sum(c.inside), 0)::int from scan_counters c
               where c.venue_id = e.venue_id and c.event_id = e.id) as inside
        from events e join venues v on v.id = e.venue_id
       where e.venue_id = ${event.venueId} and e.id = ${event.eventId}`;
    if (!row) return null;
    const [keys, revocations, subjects] = await Promise.all([
      tx<{ kid: string; event_id: string; public_key: Buffer; revoked: boolean }[]>`
        select k.kid, k.event_id, k.public_key, k.revoked_at is not null as revoked
          from event_keys k join events e on e.venue_id = k.venue_id and e.id = k.event_id
         where k.venue_id = ${event.venueId}
           and (k.event_id = ${event.eventId} or e.ends_at > now() - ${OTHER_EVENTS_KEYS_WITHIN}::interval)
         order by k.created_at`,
      tx<{ subject_id: string; serial: number }[]>`
        select subject_id, serial from code_revocations where venue_id = ${event.venueId} and event_id = ${event.eventId}`,
      subjectRows(tx, event, since && new Date(since.getTime() - CURSOR_OVERLAP_MS)),
    ]);
    return {
      event: {
        id: row.id, name: row.name, startsAt: row.starts_at.toISOString(), timezone: row.timezone,
        doorOpens: row.door_opens.toISOString(), doorCloses: row.door_closes.toISOString(),
        capacity: row.capacity, vipReentry: row.vip_reentry,
      },
      peopleInside: row.inside,
      keys: keys.map((k) => ({ kid: Number(k.kid), eventId: k.event_id, publicKey: k.public_key.toString('base64url'), revoked: k.revoked })),
      revocations: revocations.map((r) => ({ subjectId: r.subject_id, serial: r.serial })),
      subjects: subjects.map(toDoorSubject),
      cursor: encodeCursor(row.read_at),
      complete: since === null,
    };
  });
}

/** Seals a holder's name under their code, as src/offline/sealed-name.ts defines and the phone opens it. */
function sealName(code: string, name: string): string {
  const iv = randomBytes(NAME_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(NAME_KEY_LABEL + code).digest(), iv);
  return Buffer.concat([iv, cipher.update(name, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64url');
}

function toDoorSubject(r: SubjectRow): DoorSubject {
  return {
    id: r.id, kind: r.kind, status: r.status, serial: r.serial, inside: r.inside, reentry: r.reentry,
    orderStatus: r.order_status, reservationId: r.reservation_id, reservationStatus: r.reservation_status,
    validFrom: r.valid_from?.toISOString() ?? null, validUntil: r.valid_until?.toISOString() ?? null,
    party: r.kind === 'guest' ? { size: r.party_size!, entered: r.party_entered!, inside: r.party_inside! } : null,
    // A ticket sold without a code yet is found only by door search (by its id).
    plainCodeHash: r.code === null || r.code.startsWith(CODE_PREFIX) ? null : createHash('sha256').update(r.code).digest('base64url'),
    sealedName: r.code === null ? '' : sealName(r.code, r.holder_name ?? ''),
    card: {
      passNumber: r.pass_number, guestCount: r.guest_count, tableNumber: r.table_number,
      ticketTypeName: r.ticket_type_name, guestListName: r.guest_list_name, guestPlusOnes: r.guest_plus_ones,
    },
  };
}

/**
 * The event's passes, tickets and guests with what lock_scan_subject reads
 * of each (db/functions/lock_scan_subject.sql) and what scan_answers shows
 * (db/views/scan_answers.sql); only those changed or moved after `after`.
 */
function subjectRows(sql: Queryable, { venueId, eventId }: EventRef, after: Date | null) {
  const changed = (...aliases: string[]) => after === null ? sql`true`
    : sql`(${aliases.reduce((any, alias) => sql`${any} or ${sql(alias)}.door_changed_at > ${after}`, sql`moved.id is not null`)})`;
  return sql<SubjectRow[]>`
    with moved as (
      select distinct l.subject_id as id from scan_log l
       where ${after !== null} and l.venue_id = ${venueId} and l.event_id = ${eventId}
         and l.recorded_at > ${after} and l.entry_type is not null
      union
      select l.subject_id from scan_annulments a join scan_log l on l.venue_id = a.venue_id and l.id = a.scan_id
       where ${after !== null} and a.venue_id = ${venueId} and a.event_id = ${eventId} and a.annulled_at > ${after}
    )
    select p.id, 'vip_pass' as kind, p.status, p.code_serial as serial, p.inside, null as reentry,
           null as order_status, p.reservation_id, r.status as reservation_status,
           null::timestamptz as valid_from, null::timestamptz as valid_until,
           null::int as party_size, null::int as party_entered, null::int as party_inside, p.code,
           coalesce(p.holder_name, case p.kind when 'host' then r.host_name else 'Guest of ' || r.host_name end) as holder_name,
           p.pass_number, r.guest_count, t.number as table_number,
           null as ticket_type_name, null as guest_list_name, null::int as guest_plus_ones
      from guest_passes p
      join vip_reservations r on r.venue_id = p.venue_id and r.id = p.reservation_id
      left join vip_tables t  on t.venue_id = r.venue_id and t.id = r.table_id
      left join moved         on moved.id = p.id
     where p.venue_id = ${venueId} and p.event_id = ${eventId} and ${changed('p', 'r')}
    union all
    select tk.id, 'ticket', tk.status, tk.code_serial, tk.inside, tt.reentry::text,
           o.status::text, tk.reservation_id, r.status,
           tt.valid_from, tt.valid_until, null, null, null, tk.code,
           coalesce(tk.holder_name, o.buyer_name), null, r.guest_count, t.number,
           tt.name, null, null
      from tickets tk
      join ticket_types tt         on tt.venue_id = tk.venue_id and tt.id = tk.ticket_type_id
      join orders o                on o.venue_id = tk.venue_id and o.id = tk.order_id
      left join vip_reservations r on r.venue_id = tk.venue_id and r.id = tk.reservation_id
      left join vip_tables t       on t.venue_id = r.venue_id and t.id = r.table_id
      left join moved              on moved.id = tk.id
     where tk.venue_id = ${venueId} and tk.event_id = ${eventId} and ${changed('tk', 'tt', 'o', 'r')}
    union all
    select g.id, 'guest', g.status, g.code_serial, g.inside > 0, null, null, null, null,
           null, l.admit_until, g.plus_ones + 1, g.entries, g.inside, g.code,
           g.name, null, g.plus_ones + 1, null, null, l.name, g.plus_ones
      from guests g
      join guest_lists l on l.venue_id = g.venue_id and l.id = g.list_id
      left join moved    on moved.id = g.id
     where g.venue_id = ${venueId} and g.event_id = ${eventId} and ${changed('g', 'l')}`;
}
