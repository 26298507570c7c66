import postgres from 'postgres';
import { DomainError } from '../domain/errors.js';

/**
 * Maps the named errors our SQL raises (SQLSTATE MPxxx) to DomainErrors;
 * everything else is rethrown untouched.
 */
export function translateDbError(error: unknown): never {
  if (error instanceof postgres.PostgresError) {
    if (error.code === 'MP409') {
      // messages read "<code>" or "<code>: <detail>"; detail carries JSON (from/to, ticketTypeId)
      const code = error.message.split(':')[0]!;
      const detail = error.detail ? (JSON.parse(error.detail) as Record<string, unknown>) : {};
      throw new DomainError(409, code, error.message, detail);
    }
    if (error.code === 'MP404') throw new DomainError(404, 'not_found', error.message);
    if (error.code === 'MP403') throw new DomainError(403, 'forbidden', error.message);
  }
  throw error;
}
