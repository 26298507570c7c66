import { createHash, randomBytes } from 'node:crypto';
import type { DeviceRole } from '../domain/lists.js';
import type { Sql } from './connect.js';

export interface DeviceRow {
  id: string; venue_id: string; event_id: string | null; name: string; gate: string; role: DeviceRole;
  created_at: Date; revoked_at: Date | null; last_seen_at: Date | null;
}

/** Tokens are stored as SHA-256: 256 random bits need no slow hash, and a lookup by hash is constant-time in effect. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Enrols a scanner at a gate (which joins the venue's gates), or a point of sale; the token is returned once and only its hash is kept. */
export async function createDevice(sql: Sql, device: {
  venueId: string; name: string; gate: string; eventId?: string | null; role?: DeviceRole;
}): Promise<{ device: DeviceRow; token: string }> {
  const token = `mpd_${randomBytes(32).toString('base64url')}`;
  const [row] = await sql<DeviceRow[]>`
    with gate as (insert into venue_gates (venue_id, name) values (${device.venueId}, ${device.gate}) on conflict do nothing)
    insert into devices (venue_id, event_id, name, gate, token_hash, role)
    values (${device.venueId}, ${device.eventId ?? null}, ${device.name}, ${device.gate}, ${hashToken(token)}, ${device.role ?? 'scanner'})
    returning id, venue_id, event_id, name, gate, role, created_at, revoked_at, last_seen_at`;
  return { device: row!, token };
}

/** Last seen: the later of its last authenticated request and its last scan. */
export async function listDevices(sql: Sql, venueId: string, eventId?: string): Promise<DeviceRow[]> {
  return sql<DeviceRow[]>`
    select d.id, d.venue_id, d.event_id, d.name, d.gate, d.role, d.created_at, d.revoked_at,
           greatest(d.last_seen_at, (select max(c.last_scan_at) from scan_counters c where c.scanner_id = d.id)) as last_seen_at
      from devices d
     where d.venue_id = ${venueId}
       ${eventId ? sql`and d.event_id = ${eventId}` : sql``}
     order by d.created_at, d.id`;
}

/** Revokes at once: the token stops authenticating on its next request. */
export async function revokeDevice(sql: Sql, venueId: string, id: string): Promise<DeviceRow | undefined> {
  const [row] = await sql<DeviceRow[]>`
    update devices set revoked_at = coalesce(revoked_at, now())
     where id = ${id} and venue_id = ${venueId}
    returning id, venue_id, event_id, name, gate, role, created_at, revoked_at, last_seen_at`;
  return row;
}
