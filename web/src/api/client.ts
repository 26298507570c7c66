import type { Translate } from '../i18n/index.js';

/**
 * A small typed client for the API on the same origin. Sends the bearer
 * token, turns application/problem+json answers into ApiError, and tells a
 * network failure (no answer at all) apart from an answer that is an error.
 */

/** An error answer from the API (problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code?: string,
    readonly errors?: { field: string; message: string }[],
    /** Seconds, from Retry-After on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** No answer reached us: offline, DNS, connection reset. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Worth sending again unchanged: no answer, rate limited, or the server/database is away. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export type TokenSource = () => string | null;

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Extra request headers (Idempotency-Key). */
  headers?: Record<string, string>;
}

export class ApiClient {
  constructor(private readonly token: TokenSource, private readonly base = '') {}

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  /** An image (or any file) behind the bearer token, as an object URL; revoke it when done. */
  async objectUrl(path: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<string> {
    const response = await this.send(options.method ?? 'GET', path, { body: options.body });
    return URL.createObjectURL(await response.blob());
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** The headers every call sends: the bearer token when there is one. */
  authHeaders(): Record<string, string> {
    const token = this.token();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private async send(method: string, path: string, { body, query, signal, headers: extra }: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extra, ...this.authHeaders() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.base + path + queryString(query), {
        method, headers, signal, cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'Network error', 'No answer from the server: check the connection.');
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  }
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  let problem: { title?: string; detail?: string; code?: string; errors?: { field: string; message: string }[] } = {};
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    // A proxy's HTML error page, or nothing at all: the status says enough.
  }
  return new ApiError(
    response.status, problem.title ?? (response.statusText || 'Error'), problem.detail ?? '',
    problem.code, problem.errors, retryAfter,
  );
}

/** A sentence for people, in their language: what went wrong and, where it helps, what to do. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 0: return t('error.network');
    case 400: return error.errors?.length ? t('error.400') : error.detail || error.title;
    case 401: return t('error.401');
    case 403: return t('error.403');
    case 404: return t('error.404');
    case 409: return t('error.409', { detail: error.detail || error.code || '' });
    case 429: return t('error.429', { s: error.retryAfter ?? 60 });
    case 503: return t('error.503');
    default: return t('error.other', { status: error.status });
  }
}

/**
 * The API's validation problems by field name ("body/guestCount" and
 * "/guestCount" both → "guestCount"), worded in the reader's language where
 * the message is one we know, so a form shows each beside its field.
 */
export function fieldErrors(error: unknown, t: Translate): Record<string, string> {
  if (!(error instanceof ApiError) || !error.errors) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    const name = field.split('/').filter(Boolean).filter((part) => part !== 'body').join('.');
    out[name] ??= wordOf(message, t);
  }
  return out;
}

function wordOf(message: string, t: Translate): string {
  const max = /^must be at most (\d+)$/.exec(message) ?? /^must be <= (\d+)$/.exec(message);
  if (max) return t('field.tooMany', { max: max[1]! });
  if (message === 'must be after startsAt') return t('field.mustBeAfterStart');
  if (message === 'must not be after endsAt') return t('field.notAfterEnd');
  if (message.startsWith('is taken')) return t('field.taken');
  if (message.startsWith('must not be below')) return t('field.belowSold');
  if (message.startsWith('can change only while')) return t('field.onlyPending');
  if (message.startsWith('must have required property')) return t('field.required');
  return t('field.invalid', { message });
}
