import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import postgres from 'postgres';
import type { DatabaseAvailability } from '../db/availability.js';
import { DomainError } from '../domain/errors.js';
import { FORMAT_MESSAGES } from './formats.js';

const PROBLEM_BASE = 'https://maguey.pass/problems/';
/** Seconds a client should wait before retrying while the database is away (the probe asks every 200 ms). */
const DB_RETRY_AFTER_S = 1;

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/problem+json').send({
    type: PROBLEM_BASE + code, title: TITLES[status] ?? 'Error', status, code, detail, ...extra,
  });
}

/**
 * Constraint violations that bad input can cause despite the schemas (a table
 * of another event, …). The problem names the constraint, never PostgreSQL's
 * detail: that one quotes the stored row ("Failing row contains (…)").
 */
const CONSTRAINT_PROBLEMS: Record<string, [number, string, string]> = {
  '23502': [400, 'missing_value', 'a required value is missing'],
  '23503': [400, 'invalid_reference', 'a referenced thing does not exist here'],
  '23505': [409, 'already_exists', 'this already exists'],
  '23514': [400, 'constraint_violated', 'a value breaks a rule of the data'],
};

/**
 * SQLSTATE class 22 is "data exception": a value PostgreSQL cannot hold
 * (out of range, malformed, NUL in text). Schemas refuse the known causes
 * first (src/http/formats.ts); this is the last line, so bad input is a 400
 * and never a 500.
 */
function databaseProblem(error: InstanceType<typeof postgres.PostgresError>): [number, string, string, Record<string, unknown>] | undefined {
  const known = CONSTRAINT_PROBLEMS[error.code];
  const column = error.column_name;
  const errors = column ? { errors: [{ field: column, message: 'is invalid' }] } : {};
  if (known) {
    const [status, code, text] = known;
    return [status, code, `${text}${error.constraint_name ? ` (${error.constraint_name})` : ''}`, errors];
  }
  if (error.code.startsWith('22')) {
    return [400, 'invalid_value', `a value is malformed or out of range${column ? ` (${column})` : ''}`, errors];
  }
  return undefined;
}

export function sendDatabaseUnavailable(reply: FastifyReply) {
  reply.header('Retry-After', String(DB_RETRY_AFTER_S));
  return sendProblem(reply, 503, 'database_unavailable', 'the database is unavailable; retry shortly');
}

/**
 * The one error handler: every failure leaves as problem+json; 5xx internals
 * stay in the log. While the database is known to be away, API requests are
 * answered 503 before they reach the pool.
 */
export function registerErrorHandling(app: FastifyInstance, database: DatabaseAvailability): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!database.available && request.url.startsWith('/v1/')) return sendDatabaseUnavailable(reply);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.status === 503) reply.header('Retry-After', String(DB_RETRY_AFTER_S));
      return sendProblem(reply, error.status, error.code, error.message, error.extra);
    }
    if (error.validation) {
      const errors = error.validation.map((v) => {
        const params = (v.params ?? {}) as { missingProperty?: string; additionalProperty?: string; format?: string };
        const extra = params.missingProperty ?? params.additionalProperty;
        return {
          field: `${error.validationContext ?? 'body'}${v.instancePath}${extra ? `/${extra}` : ''}`,
          message: params.additionalProperty ? 'is not a known field'
            : (v.keyword === 'format' && FORMAT_MESSAGES[params.format ?? '']) || (v.message ?? 'is invalid'),
        };
      });
      return sendProblem(reply, 400, 'validation_failed', `${error.validationContext ?? 'request'} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    }
    if (database.observe(error)) {
      request.log.warn({ err: { code: (error as { code?: string }).code } }, 'database unavailable');
      return sendDatabaseUnavailable(reply);
    }
    const known = error instanceof postgres.PostgresError ? databaseProblem(error) : undefined;
    if (known) {
      const [status, code, detail, extra] = known;
      request.log.warn({ sqlstate: (error as { code?: string }).code, route: request.routeOptions.url }, 'input refused by the database');
      return sendProblem(reply, status, code, detail, extra);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, 500, 'internal', 'something went wrong on our side');
    }
    if (status === 429) reply.header('Retry-After', reply.getHeader('retry-after') ?? '60');
    const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type'
      : status === 429 ? 'rate_limited' : 'bad_request';
    return sendProblem(reply, status, code, error.message);
  });
}
