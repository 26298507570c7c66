import postgres from 'postgres';
import { DomainError } from '../domain/errors.js';

/** Unique keys whose violation is a state the caller can act on. */
const UNIQUE_CONFLICTS: Record<string, [code: string, detail: string]> = {
  vip_reservations_one_live_per_table: ['table_taken', 'this table already has a booking for the event'],
};

/**
 * Maps the named errors our SQL raises (SQLSTATE MPxxx), and the unique keys
 * above, to DomainErrors; everything else is rethrown untouched.
 */
export function translateDbError(error: unknown): never {
  if (error instanceof postgres.PostgresError) {
    const conflict = error.code === '23505' ? UNIQUE_CONFLICTS[error.constraint_name ?? ''] : undefined;
    if (conflict) throw new DomainError(409, conflict[0], conflict[1]);
    if (error.code === 'MP409') {
      // messages read "<code>" or "<code>: <detail>"; detail carries JSON (from/to, ticketTypeId)
      const code = error.message.split(':')[0]!;
      const detail = error.detail ? (JSON.parse(error.detail) as Record<string, unknown>) : {};
      throw new DomainError(409, code, error.message, detail);
    }
    if (error.code === 'MP400') {
      const { field } = JSON.parse(error.detail ?? '{}') as { field?: string };
      throw new DomainError(400, error.message, error.message, field ? { errors: [{ field, message: 'is not known' }] } : {});
    }
    if (error.code === 'MP404') throw new DomainError(404, 'not_found', error.message);
    if (error.code === 'MP403') throw new DomainError(403, 'forbidden', error.message);
  }
  throw error;
}
