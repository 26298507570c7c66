import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { StaffRole } from '../domain/lists.js';
import { hashPassword } from '../domain/passwords.js';
import type { Sql } from './connect.js';
import { hashToken } from './devices.js';

export interface StaffRow {
  id: string; venue_id: string; email: string; name: string; role: StaffRole;
  password_hash: string; created_at: Date; disabled_at: Date | null;
}

/** How long a log-in lasts: one long night plus the reconciliation morning. */
const SESSION_HOURS = 16;

export async function createStaff(sql: Sql, staff: {
  venueId: string; email: string; name: string; role: StaffRole; password: string;
}): Promise<Omit<StaffRow, 'password_hash'>> {
  const passwordHash = await hashPassword(staff.password);
  const [row] = await sql<StaffRow[]>`
    insert into staff (venue_id, email, name, role, password_hash)
    values (${staff.venueId}, ${staff.email.toLowerCase()}, ${staff.name}, ${staff.role}, ${passwordHash})
    on conflict (email) do nothing
    returning id, venue_id, email, name, role, created_at, disabled_at`;
  // One answer for any conflict, whichever venue holds the e-mail: the
  // caller learns nothing about another venue (and the hash above took the
  // same time either way).
  if (!row) throw new DomainError(409, 'email_taken', 'a staff member with this e-mail already exists');
  return row;
}

export async function listStaff(sql: Sql, venueId: string): Promise<Omit<StaffRow, 'password_hash'>[]> {
  return sql`
    select id, venue_id, email, name, role, created_at, disabled_at
      from staff where venue_id = ${venueId} order by created_at, id`;
}

export async function findStaffByEmail(sql: Sql, email: string): Promise<StaffRow | undefined> {
  const [row] = await sql<StaffRow[]>`select * from staff where email = ${email.toLowerCase()} and disabled_at is null`;
  return row;
}

/** Opens a session; the token is returned once and only its hash is kept. */
export async function createSession(sql: Sql, staffId: string): Promise<string> {
  const token = `mps_${randomBytes(32).toString('base64url')}`;
  await sql`
    insert into staff_sessions (token_hash, staff_id, expires_at)
    values (${hashToken(token)}, ${staffId}, now() + make_interval(hours => ${SESSION_HOURS}))`;
  return token;
}

/** Logs a session out: its token stops authenticating at once. */
export async function endSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from staff_sessions where token_hash = ${hashToken(token)}`;
}

/**
 * Disables a member of the venue and ends all their sessions, in one
 * transaction. Returns undefined when no such member is in the venue.
 */
export async function disableStaff(sql: Sql, venueId: string, id: string): Promise<Omit<StaffRow, 'password_hash'> | undefined> {
  return sql.begin(async (tx) => {
    const [row] = await tx<Omit<StaffRow, 'password_hash'>[]>`
      update staff set disabled_at = coalesce(disabled_at, now())
       where id = ${id} and venue_id = ${venueId}
      returning id, venue_id, email, name, role, created_at, disabled_at`;
    if (row) await tx`delete from staff_sessions where staff_id = ${id}`;
    return row;
  });
}

/** Whether `id` is a promoter of the venue (lists and sales are attributed to promoters only). */
export async function isPromoter(sql: Sql, venueId: string, id: string): Promise<boolean> {
  const [row] = await sql`select 1 from staff where venue_id = ${venueId} and id = ${id} and role = 'promoter'`;
  return row !== undefined;
}
