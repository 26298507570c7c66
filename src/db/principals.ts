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
    select kind, id, venue_id as "venueId", name, email, staff_role as role, gate, event_id as "eventId", device_role as "deviceRole"
      from live_tokens where token_hash = ${hash}`;
  if (!row) return undefined;
  return row.kind === 'staff'
    ? { kind: 'staff', id: row.id, venueId: row.venueId, name: row.name, email: row.email, role: row.role }
    : { kind: 'device', id: row.id, venueId: row.venueId, name: row.name, gate: row.gate, eventId: row.eventId, deviceRole: row.deviceRole };
}

export const actorOf = (p: Principal) => (p.kind === 'staff' ? p.role : p.deviceRole === 'pos' ? 'pos' as const : 'device' as const);
