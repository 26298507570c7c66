import postgres from 'postgres';
import { DomainError } from '../domain/errors.js';

/**
 * Maps the named errors our SQL raises (SQLSTATE MPxxx) to DomainErrors;
 * everything else is rethrown untouched.
 */
export function translateDbError(error: unknown): never {
  if (error instanceof postgres.PostgresError) {
    if (error.code === 'MP409') {
      const detail = error.detail ? (JSON.parse(error.detail) as { from: string; to: string }) : {};
      throw new DomainError(409, 'illegal_reservation_transition', error.message, detail);
    }
    if (error.code === 'MP404') throw new DomainError(404, 'not_found', error.message);
  }
  throw error;
}
