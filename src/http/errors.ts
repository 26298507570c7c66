import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import postgres from 'postgres';
import type { DatabaseAvailability } from '../db/availability.js';
import { DomainError } from '../domain/errors.js';

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

/** Constraint violations that bad input can cause despite the schemas (a table of another event, …). */
const CONSTRAINT_PROBLEMS: Record<string, [number, string]> = {
  '23503': [400, 'invalid_reference'],
  '23505': [409, 'already_exists'],
  '23514': [400, 'constraint_violated'],
  '22P02': [400, 'invalid_value'],
  '22007': [400, 'invalid_value'],
  '22008': [400, 'invalid_value'],
};

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
      return sendProblem(reply, error.status, error.code, error.message, error.extra);
    }
    if (error.validation) {
      const errors = error.validation.map((v) => {
        const params = (v.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
        const extra = params.missingProperty ?? params.additionalProperty;
        return {
          field: `${error.validationContext ?? 'body'}${v.instancePath}${extra ? `/${extra}` : ''}`,
          message: params.additionalProperty ? 'is not a known field' : v.message ?? 'is invalid',
        };
      });
      return sendProblem(reply, 400, 'validation_failed', `${error.validationContext ?? 'request'} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    }
    if (database.observe(error)) {
      request.log.warn({ err: { code: (error as { code?: string }).code } }, 'database unavailable');
      return sendDatabaseUnavailable(reply);
    }
    if (error instanceof postgres.PostgresError && CONSTRAINT_PROBLEMS[error.code]) {
      const [status, code] = CONSTRAINT_PROBLEMS[error.code]!;
      return sendProblem(reply, status, code, error.detail ?? error.message);
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
