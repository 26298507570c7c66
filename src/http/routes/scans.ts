import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { annulScan, listScans, redeemScanForToken } from '../../db/scans.js';
import { ENTRY_TYPES, SCAN_DECISIONS } from '../../domain/lists.js';
import { COUNTED_REASONS, ScanFailureLimit } from '../../scan/failure-limit.js';
import { classifyCode } from '../../scan/parse-code.js';
import { DomainError } from '../../domain/errors.js';
import { actorOf } from '../../db/principals.js';
import { allows } from '../access.js';
import { authorize, bearerToken, unauthorized } from '../auth.js';
import type { App, Deps } from '../context.js';
import { presentScanLogItem } from '../present.js';
import { Page, PageOf, Problem, ScanAnswer, ScanLogItem, ScanRequest, Timestamp, Uuid } from '../schemas.js';


/** The scanner's key for the per-scanner limits: its token, hashed (never kept as is). */
const scannerKey = (token: string) => createHash('sha256').update(token).digest('base64url');

export function scanRoutes(app: App, { sql, config, hub, metrics, publicKeys, scanners }: Deps): void {
  const failures = new ScanFailureLimit(config.failedScansPerMinute);

  app.post('/v1/scans', {
    config: {
      access: 'scan',
      authInStatement: true,
      // Hand-typed codes are limited per scanner; unknown and forged codes of any kind too (below).
      rateLimit: {
        hook: 'preHandler',
        max: config.manualScansPerMinute,
        timeWindow: '1 minute',
        keyGenerator: (request) => scannerKey(bearerToken(request) ?? request.ip),
        allowList: (request) => (request.body as { manual?: boolean } | undefined)?.manual !== true,
      },
    },
    schema: {
      tags: ['scans'],
      body: ScanRequest,
      response: { 200: ScanAnswer, 400: Problem, 401: Problem, 403: Problem, 429: Problem, 503: Problem },
    },
  }, async (request, reply) => {
    const stopTimer = metrics.scanSeconds.startTimer();
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    const key = scannerKey(token);
    const wait = failures.retryAfterSeconds(key);
    if (wait > 0) {
      request.log.warn({ scanner: key.slice(0, 12), limit: config.failedScansPerMinute }, 'scanner keeps presenting unknown or forged codes');
      reply.header('Retry-After', String(wait));
      throw new DomainError(429, 'too_many_unknown_codes',
        `more than ${config.failedScansPerMinute} unknown or forged codes from this scanner in a minute; scanning resumes in ${wait} s`);
    }
    const { scannedAt, ...body } = request.body;
    if ((body.code === undefined) === (body.subjectId === undefined)) {
      throw new DomainError(400, 'code_or_subject', 'send either code or subjectId', {
        errors: [{ field: body.code === undefined ? '/code' : '/subjectId', message: 'exactly one of code and subjectId' }],
      });
    }
    const scanner = await scanners.scannerOf(sql, token);
    const result = scanner && await redeemScanForToken(sql, {
      ...body, scanner, token, scannedAt: scannedAt ? new Date(scannedAt) : null,
      parsed: body.code === undefined ? undefined : await classifyCode(sql, publicKeys, scanner.venueId, body.code),
    });
    if (!scanner || !result) {
      scanners.forget(token);
      await authorize(sql, request, 'scan'); // says 401 or 403
      throw unauthorized();
    }
    const { answer, eventId } = result;
    if (!answer.replayed) hub.scanCommitted(scanner.venueId, eventId, answer.scanId);
    if (!answer.replayed) metrics.scans.inc({ decision: answer.decision, reason: answer.reason ?? 'none' });
    if (!answer.replayed && answer.reason && COUNTED_REASONS.has(answer.reason)) failures.record(key);
    stopTimer();
    return answer;
  });

  app.post('/v1/scans/:scanId/annul', {
    config: { access: 'scan' },
    schema: {
      tags: ['scans'],
      description: 'Undo an admission that did not result in a person passing (the turnstile did not turn), within 15 minutes: a scanner its own, an owner or manager any scanner\'s.',
      params: Type.Object({ scanId: Uuid }),
      response: { 200: Type.Object({ scanId: Uuid, annulled: Type.Literal(true), alreadyAnnulled: Type.Boolean() }), 403: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const { principal } = request;
    const authority = allows('annulAnyScan', actorOf(principal)) ? 'any_scan' : 'own_scans';
    const result = await annulScan(sql, principal.venueId, request.params.scanId, { id: principal.id, authority }, config.annulWindowMinutes);
    return { scanId: request.params.scanId, annulled: true as const, alreadyAnnulled: result === 'already_annulled' };
  });

  app.get('/v1/scans', {
    config: { access: 'readScans' },
    schema: {
      tags: ['scans'],
      querystring: Type.Intersect([Page, Type.Object({
        eventId: Type.Optional(Uuid), reservationId: Type.Optional(Uuid), subjectId: Type.Optional(Uuid),
        deviceId: Type.Optional(Uuid), entryType: Type.Optional(Type.Enum(ENTRY_TYPES)),
        decision: Type.Optional(Type.Enum(SCAN_DECISIONS)), since: Type.Optional(Timestamp),
      })]),
      response: { 200: PageOf(ScanLogItem), 400: Problem },
    },
  }, async (request) => {
    const { limit = 50, cursor, since, ...filters } = request.query;
    const me = request.principal;
    const rows = await listScans(sql, {
      ...filters,
      deviceId: me.kind === 'device' ? me.id : filters.deviceId, // a device reads only its own scans
      since: since ? new Date(since) : undefined,
      venueId: me.venueId, limit, before: decodeCursor(cursor),
    });
    const page = pageOf(rows, limit, (r) => ({ at: new Date(r.recorded_at), id: r.scan_id }));
    return { items: page.items.map(presentScanLogItem), nextCursor: page.nextCursor };
  });
}
