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
  if (!row) throw new DomainError(409, 'email_taken', `a staff member with email ${staff.email} already exists`);
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
