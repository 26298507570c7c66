import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './connect.js';

export interface DeviceRow {
  id: string; venue_id: string; event_id: string | null; name: string; gate: string;
  created_at: Date; revoked_at: Date | null; last_seen_at: Date | null;
}

/** Tokens are stored as SHA-256: 256 random bits need no slow hash, and a lookup by hash is constant-time in effect. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Enrols a scanner; the token is returned once and only its hash is kept. */
export async function createDevice(sql: Sql, device: {
  venueId: string; name: string; gate: string; eventId?: string | null;
}): Promise<{ device: DeviceRow; token: string }> {
  const token = `mpd_${randomBytes(32).toString('base64url')}`;
  const [row] = await sql<DeviceRow[]>`
    insert into devices (venue_id, event_id, name, gate, token_hash)
    values (${device.venueId}, ${device.eventId ?? null}, ${device.name}, ${device.gate}, ${hashToken(token)})
    returning id, venue_id, event_id, name, gate, created_at, revoked_at, last_seen_at`;
  return { device: row!, token };
}
