import type { PassStatus, SubjectKind } from '../domain/lists.js';
import type { EventRef } from './keys.js';
import type { Queryable } from './connect.js';

export interface DoorMatch {
  subjectId: string; kind: SubjectKind; holderName: string | null; tableNumber: string | null;
  ticketTypeName: string | null; status: PassStatus; inside: boolean;
}

/** The people of an event a door person can find when a code cannot be read (db/functions/door_search.sql). */
export const doorSearch = (sql: Queryable, { venueId, eventId }: EventRef, q: string): Promise<DoorMatch[]> => sql<DoorMatch[]>`
  select subject_id as "subjectId", kind, holder_name as "holderName", table_number as "tableNumber",
         ticket_type_name as "ticketTypeName", status, inside
    from door_search(${venueId}, ${eventId}, ${q})`;
