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

/** Which of these gates (by position; undefined: the scanner's own) the venue does not have. */
export async function unknownGates(sql: Sql, venueId: string, gates: (string | undefined)[]): Promise<number[]> {
  const named = [...new Set(gates.filter((g): g is string => g !== undefined))];
  if (named.length === 0) return [];
  const known = new Set((await sql<{ name: string }[]>`
    select name from venue_gates where venue_id = ${venueId} and name = any(${sql.array(named)}::text[])`).map((r) => r.name));
  return gates.flatMap((g, i) => (g !== undefined && !known.has(g) ? [i] : []));
}
