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
}

export class ApiClient {
  constructor(private readonly token: TokenSource, private readonly base = '') {}

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
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

  private async send(method: string, path: string, { body, query, signal }: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...this.authHeaders() };
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

/** A sentence for people: what went wrong and, where it helps, what to do. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 0: return 'Offline: no answer from the server.';
    case 401: return 'Your session has ended or the token is not valid. Log in again.';
    case 403: return `Not allowed for your role${error.detail ? `: ${error.detail}` : '.'}`;
    case 404: return `Not found${error.detail ? `: ${error.detail}` : '.'}`;
    case 409: return `Not possible now${error.detail ? `: ${error.detail}` : '.'}`;
    case 429: return `Too many attempts; wait ${error.retryAfter ?? 60} s and try again.`;
    case 503: return 'The server is temporarily unavailable; retrying shortly.';
    default: return error.detail || error.title;
  }
}
