import type { DeviceRole, StaffRole } from '../domain/lists.js';
import type { Sql } from './connect.js';
import { hashToken } from './devices.js';

/** Who is calling: a logged-in staff member or an enrolled device. */
export type Principal =
  | { kind: 'staff'; id: string; venueId: string; name: string; email: string; role: StaffRole }
  | { kind: 'device'; id: string; venueId: string; name: string; gate: string; eventId: string | null; deviceRole: DeviceRole };

/**
 * Resolves a bearer token. Tokens are 256 random bits looked up by their
 * SHA-256, so the comparison happens on a hash the caller cannot steer
 * (no timing oracle) and the table never holds a usable token.
 * A device's last_seen_at is refreshed at most once a minute.
 */
export async function findPrincipal(sql: Sql, token: string): Promise<Principal | undefined> {
  const hash = hashToken(token);
  const [row] = await sql<Principal[]>`
    with touched as (
      update devices set last_seen_at = now()
       where token_hash = ${hash} and revoked_at is null
         and (last_seen_at is null or last_seen_at < now() - interval '1 minute'))
    select 'staff' as kind, st.id, st.venue_id as "venueId", st.name, st.email, st.role,
           null as gate, null::uuid as "eventId", null::device_role as "deviceRole"
      from staff_sessions s join staff st on st.id = s.staff_id
     where s.token_hash = ${hash} and s.expires_at > now() and st.disabled_at is null
    union all
    select 'device', d.id, d.venue_id, d.name, null, null, d.gate, d.event_id, d.role
      from devices d
     where d.token_hash = ${hash} and d.revoked_at is null`;
  if (!row) return undefined;
  return row.kind === 'staff'
    ? { kind: 'staff', id: row.id, venueId: row.venueId, name: row.name, email: row.email, role: row.role }
    : { kind: 'device', id: row.id, venueId: row.venueId, name: row.name, gate: row.gate, eventId: row.eventId, deviceRole: row.deviceRole };
}

export const actorOf = (p: Principal) => (p.kind === 'staff' ? p.role : p.deviceRole === 'pos' ? 'pos' as const : 'device' as const);
