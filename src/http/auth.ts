import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sql } from '../db/connect.js';
import { actorOf, findPrincipal, type Principal } from '../db/principals.js';
import { DomainError } from '../domain/errors.js';
import { allows, type Access } from './access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which row of ACCESS (src/http/access.ts) guards the route. Every route must say. */
    access?: Access;
    /** The route resolves the token itself (the scan route: src/scan/scanner-cache.ts, checked again by redeem_scan). */
    authInStatement?: boolean;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  const token = header.slice(7).trim();
  return token.length > 0 && token.length <= 200 ? token : undefined;
}

export const unauthorized = () => new DomainError(401, 'unauthorized', 'a valid bearer token is required');
export const forbidden = (access: Access) =>
  new DomainError(403, 'forbidden', `your role may not do this (${access})`);

/** 401 without a valid token, 403 when the caller's role is not in the route's ACCESS row. */
export async function authorize(sql: Sql, request: FastifyRequest, access: Access): Promise<Principal> {
  const token = bearerToken(request);
  const principal = token ? await findPrincipal(sql, token) : undefined;
  if (!principal) throw unauthorized();
  if (!allows(access, actorOf(principal))) throw forbidden(access);
  return principal;
}

/**
 * Checks every route before its body is read. A route without an access
 * entry fails the app at start-up, so no route can be left open by omission.
 */
export function registerAuth(app: FastifyInstance, sql: Sql): void {
  app.decorateRequest('principal', null as never);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1/') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} does not declare its access`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (!config?.access || config.access === 'public' || config.authInStatement) return;
    request.principal = await authorize(sql, request, config.access);
  });
}
