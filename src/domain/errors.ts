/**
 * An error the caller can act on: a stable code, an HTTP status and a
 * human detail. The HTTP error handler turns it into problem+json; anything
 * that is not a DomainError is a 5xx with its internals hidden.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError(404, 'not_found', `${what} ${id} does not exist`);
