import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isDatabaseUnavailable } from '../../db/availability.js';
import { unknownGates } from '../../db/gates.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { annulScan, listScans, type DecidedScan, type Scanner, type ScanRequest as ScanInput } from '../../db/scans.js';
import { ENTRY_TYPES, SCAN_DECISIONS } from '../../domain/lists.js';
import type { ScanAnswer as DecidedAnswer } from '../../domain/scan-answer.js';
import { COUNTED_REASONS, ScanFailureLimit } from '../../scan/failure-limit.js';
import { classifyCode } from '../../scan/parse-code.js';
import { DomainError } from '../../domain/errors.js';
import { actorOf } from '../../db/principals.js';
import { allows } from '../access.js';
import { authorize, bearerToken, unauthorized } from '../auth.js';
import type { App, Deps } from '../context.js';
import { presentScanLogItem } from '../present.js';
import { BatchItemFailure, OfflineScanRequest, Page, PageOf, Problem, ScanAnswer, ScanLogItem, ScanRequest, Timestamp, Uuid } from '../schemas.js';


/** The scanner's key for the per-scanner limits: its token, hashed (never kept as is). */
const scannerKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** At most this many scans in one upload (413 above). */
const BATCH_MAX_SCANS = 500;
/** Room for 500 scans of the longest code (512 characters) with their fields. */
const BATCH_BODY_LIMIT = 1024 * 1024;

type ScanBody = { code?: string; subjectId?: string };

/** A scan names either a code or a subject, not both, not neither (400 naming the field under `at`). */
function checkCodeOrSubject(body: ScanBody, at: string): void {
  if ((body.code === undefined) === (body.subjectId === undefined)) {
    throw new DomainError(400, 'code_or_subject', 'send either code or subjectId', {
      errors: [{ field: `${at}${body.code === undefined ? '/code' : '/subjectId'}`, message: 'exactly one of code and subjectId' }],
    });
  }
}

export function scanRoutes(app: App, { sql, config, hub, metrics, publicKeys, scanners, lanes }: Deps): void {
  const failures = new ScanFailureLimit(config.failedScansPerMinute);

  /** 429 while this scanner is over its unknown-code limit (`answers`: what a batch decided before). */
  function refuseWhileLimited(key: string, reply: { header(name: string, value: string): unknown }, log: FastifyRequest['log'], extra: Record<string, unknown> = {}): void {
    const wait = failures.retryAfterSeconds(key);
    if (wait === 0) return;
    log.warn({ scanner: key.slice(0, 12), limit: config.failedScansPerMinute }, 'scanner keeps presenting unknown or forged codes');
    reply.header('Retry-After', String(wait));
    throw new DomainError(429, 'too_many_unknown_codes',
      `more than ${config.failedScansPerMinute} unknown or forged codes from this scanner in a minute; scanning resumes in ${wait} s`, extra);
  }

  /**
   * Scans of one scanner through the single path: each code parsed and
   * verified, all decided in order (src/scan/scan-lanes.ts), then what
   * follows a commit: the live feed, the metrics and the unknown-code limit.
   * Each is decided (null when the token may no longer make it) or failed alone.
   */
  async function scanAll(token: string, key: string, scanner: Scanner, inputs: Omit<ScanInput, 'scanner' | 'token' | 'parsed'>[]): Promise<PromiseSettledResult<DecidedScan | null>[]> {
    const requests = await Promise.all(inputs.map(async (input) => ({
      ...input, scanner, token,
      parsed: input.code === undefined ? undefined : await classifyCode(sql, publicKeys, scanner.venueId, input.code),
    })));
    const outcomes = await lanes.decide(requests);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected' || !outcome.value || outcome.value.answer.replayed) continue;
      const { answer, eventId, attention } = outcome.value;
      hub.scanCommitted(scanner.venueId, eventId, answer.scanId);
      for (const id of attention) hub.attentionOpened(scanner.venueId, eventId, id);
      metrics.scans.inc({ decision: answer.decision, reason: answer.reason ?? 'none' });
      if (answer.reason && COUNTED_REASONS.has(answer.reason)) failures.record(key);
    }
    return outcomes;
  }

  /** The per-scanner limit of hand-typed codes, for requests whose body has one. */
  function handTypedLimit(handTyped: (body: unknown) => boolean) {
    return {
      hook: 'preHandler' as const,
      max: config.manualScansPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => scannerKey(bearerToken(request) ?? request.ip),
      allowList: (request: FastifyRequest) => !handTyped(request.body),
    };
  }

  /** The scanner of a token that may scan; else 401 or 403, and the token is forgotten. */
  async function refuseScanner(request: FastifyRequest, token: string): Promise<never> {
    scanners.forget(token);
    await authorize(sql, request, 'scan'); // says 401 or 403
    throw unauthorized();
  }

  app.post('/v1/scans', {
    config: {
      access: 'scan',
      authInStatement: true,
      // Hand-typed codes are limited per scanner; unknown and forged codes of any kind too (below).
      rateLimit: handTypedLimit((body) => (body as { manual?: boolean } | undefined)?.manual === true),
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
    refuseWhileLimited(key, reply, request.log);
    const { scannedAt, ...body } = request.body;
    checkCodeOrSubject(body, '');
    const scanner = await scanners.scannerOf(sql, token);
    if (!scanner) return refuseScanner(request, token);
    const [outcome] = await scanAll(token, key, scanner, [{ ...body, scannedAt: scannedAt ? new Date(scannedAt) : null }]);
    if (outcome!.status === 'rejected') throw outcome!.reason;
    if (!outcome!.value) return refuseScanner(request, token);
    stopTimer();
    return outcome!.value.answer;
  });

  app.post('/v1/scans/batch', {
    bodyLimit: BATCH_BODY_LIMIT,
    config: {
      access: 'scan',
      authInStatement: true,
      // An upload with hand-typed codes counts once against the hand-typed limit; unknown codes count one by one (below).
      rateLimit: handTypedLimit((body) => ((body as { scans?: { manual?: boolean }[] } | undefined)?.scans ?? []).some((s) => s?.manual === true)),
    },
    // Said before validation, so 501 scans are a 413, not a 400.
    preValidation: async (request) => {
      const scans = (request.body as { scans?: unknown } | undefined)?.scans;
      if (Array.isArray(scans) && scans.length > BATCH_MAX_SCANS) {
        throw new DomainError(413, 'too_many_scans', `at most ${BATCH_MAX_SCANS} scans per upload; send the rest in another`);
      }
    },
    schema: {
      tags: ['scans'],
      description: `Uploads scans decided on the device while offline, at most ${BATCH_MAX_SCANS}, decided in order; each is idempotent per (device, nonce) exactly as a single scan, so a retried upload replays. A scan that fails alone is answered with its error and the others keep their decisions.`,
      body: Type.Object({ scans: Type.Array(OfflineScanRequest, { maxItems: BATCH_MAX_SCANS }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ answers: Type.Array(Type.Union([ScanAnswer, BatchItemFailure])) }),
        400: Problem, 401: Problem, 403: Problem, 413: Problem, 429: Problem, 503: Problem,
      },
    },
  }, async (request, reply) => {
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    const key = scannerKey(token);
    refuseWhileLimited(key, reply, request.log);
    const { scans } = request.body;
    scans.forEach((item, i) => checkCodeOrSubject(item, `/scans/${i}`));
    const scanner = await scanners.scannerOf(sql, token);
    if (!scanner) return refuseScanner(request, token);
    const unknown = await unknownGates(sql, scanner.venueId, scans.map((item) => item.gate));
    if (unknown.length > 0) {
      throw new DomainError(400, 'unknown_gate', 'unknown_gate', { errors: unknown.map((i) => ({ field: `/scans/${i}/gate`, message: 'is not known' })) });
    }
    const answers: (DecidedAnswer | BatchItemFailure)[] = [];
    for (let next = 0; next < scans.length;) {
      // An upload is no way around the unknown-code limit: it stops where a live scanner would, with what it decided.
      refuseWhileLimited(key, reply, request.log, { answers });
      // As many as cannot pass the limit even if every one is unknown, decided together.
      const part = scans.slice(next, next + Math.max(1, failures.allowance(key)));
      next += part.length;
      const outcomes = await scanAll(token, key, scanner, part.map(({ scannedAt, ...item }) => ({ ...item, scannedAt: new Date(scannedAt) })));
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') {
          if (!outcome.value) return refuseScanner(request, token);
          answers.push(outcome.value.answer);
          continue;
        }
        const error: unknown = outcome.reason;
        if (isDatabaseUnavailable(error)) throw error;
        request.log.error({ err: error, nonce: part[i]!.nonce }, 'one scan of an upload failed');
        answers.push({ nonce: part[i]!.nonce, error: error instanceof DomainError
          ? { status: error.status, code: error.code, detail: error.message }
          : { status: 500, code: 'scan_failed', detail: 'this scan was not recorded; upload it again' } });
      }
    }
    return { answers };
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
