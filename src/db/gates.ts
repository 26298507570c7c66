import type { Sql } from './connect.js';

/** The gates a venue's scanners may name (a scan at any other is refused). */
export async function listGates(sql: Sql, venueId: string): Promise<{ name: string }[]> {
  return sql<{ name: string }[]>`select name from venue_gates where venue_id = ${venueId} order by name`;
}

/** Adds a gate; adding one the venue has already changes nothing. */
export async function addGate(sql: Sql, venueId: string, name: string): Promise<{ name: string }> {
  await sql`insert into venue_gates (venue_id, name) values (${venueId}, ${name}) on conflict do nothing`;
  return { name };
}
