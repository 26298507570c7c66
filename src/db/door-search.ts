import type { PassStatus, SubjectKind } from '../domain/lists.js';
import type { EventRef } from './keys.js';
import type { Sql } from './connect.js';

export interface DoorMatch {
  subjectId: string; kind: SubjectKind; holderName: string | null; tableNumber: string | null;
  ticketTypeName: string | null; status: PassStatus; inside: boolean;
}

/** Door search answers at most this many: the door person then scans by subject. */
const MATCHES = 20;

/**
 * The people of an event a door person can find when a code cannot be read:
 * by holder or buyer name (accent- and case-insensitive, partial: fold_text),
 * table number, the start of an order id, or the last 6 characters of a code.
 */
export async function doorSearch(sql: Sql, { venueId, eventId }: EventRef, q: string): Promise<DoorMatch[]> {
  const folded = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<DoorMatch[]>`
    with subjects as (
      select 'vip_pass'::subject_kind as kind, p.id, p.code, null::uuid as order_id, p.status, p.inside, t.number as table_number,
             null::text as ticket_type_name,
             coalesce(p.holder_name, case p.kind when 'host' then r.host_name else 'Guest of ' || r.host_name end) as holder_name
        from guest_passes p
        join vip_reservations r on r.venue_id = p.venue_id and r.id = p.reservation_id
        join vip_tables t       on t.venue_id = r.venue_id and t.id = r.table_id
       where p.venue_id = ${venueId} and p.event_id = ${eventId}
      union all
      select 'ticket', k.id, k.code, k.order_id, k.status, k.inside, t.number, tt.name, coalesce(k.holder_name, o.buyer_name)
        from tickets k
        join orders o            on o.venue_id = k.venue_id and o.id = k.order_id
        join ticket_types tt     on tt.venue_id = k.venue_id and tt.id = k.ticket_type_id
        left join vip_reservations r on r.venue_id = k.venue_id and r.id = k.reservation_id
        left join vip_tables t   on t.venue_id = r.venue_id and t.id = r.table_id
       where k.venue_id = ${venueId} and k.event_id = ${eventId})
    select id as "subjectId", kind, holder_name as "holderName", table_number as "tableNumber",
           ticket_type_name as "ticketTypeName", status, inside
      from subjects
     where fold_text(holder_name) like fold_text(${folded})
        or table_number = ${q}
        or right(code, 6) = ${q}
        or (length(${q}) >= 6 and order_id::text like ${q.toLowerCase()} || '%')
     order by holder_name, table_number
     limit ${MATCHES}`;
}
