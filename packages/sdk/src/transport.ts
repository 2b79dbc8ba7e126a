import { ConfigurationError, errorFromResponse, NetpadError, NetworkError, RateLimitedError, SignInRequiredError } from './errors';
import type { TokenProvider } from './token';

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Milliseconds for one attempt. */
  timeout: number;
  /** Further attempts for idempotent requests. */
  retries: number;
  tokens: TokenProvider | undefined;
  /** Longest Retry-After worth waiting for, in seconds; longer ones surface as RateLimitedError. */
  maxRetryAfter: number;
  /** Waits between attempts; replaceable in tests. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Running where no reader can sign in (Node, a worker without a page). */
  serverSide?: boolean;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Safe to send twice: GET, PUT, DELETE, and a POST with an idempotency key. */
  idempotent?: boolean;
  /** `false` to send no token even when there is one. */
  auth?: boolean;
}

/** A fully read answer, so that identical concurrent GETs can share one. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8000;

/** A bearer token is token68 (RFC 6750 §2.1): letters, digits and -._~+/ with = at the end. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * What a token provider gave, if it is a token. A provider that fetches from the app's backend
 * and hands back an error body (`{"error": …}`, an HTML error page) is a mistake to name at
 * once, not to send as a credential and read back as "sign-in required".
 */
export function checkedToken(token: unknown): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw new ConfigurationError(`The token provider returned ${typeof token === 'object' ? 'an object' : typeof token}, not a token string: return the access_token field of the token response`);
  if (!TOKEN68.test(token)) {
    const shown = token.length > 60 ? `${token.slice(0, 60)}…` : token;
    throw new ConfigurationError(`The token provider returned something that is not an access token: ${JSON.stringify(shown)} (an error page or body from the token endpoint?)`);
  }
  return token;
}

export class Transport {
  private readonly inflight = new Map<string, Promise<Reply>>();
  private readonly options: TransportOptions;
  constructor(options: TransportOptions) {
    this.options = options;
  }

  /** Whether requests carry credentials (an app key or a token provider). */
  get hasCredentials(): boolean {
    return this.options.tokens !== undefined;
  }

  /** Sends a request; identical concurrent GETs share one request. Throws typed errors. */
  async send(request: RequestOptions): Promise<Reply> {
    const method = request.method ?? 'GET';
    if (method !== 'GET' || request.signal) return this.sendWithRetries(request);
    // Shared only between callers with the same token: a GET made after signing out must not
    // get the answer to one made before.
    const token = request.auth !== false && this.options.tokens ? ((await this.options.tokens.getToken({ signal: request.signal })) ?? '') : '';
    const key = `${request.path}\n${JSON.stringify(request.headers ?? {})}\n${token}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.sendWithRetries(request).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async sendWithRetries(request: RequestOptions): Promise<Reply> {
    const method = request.method ?? 'GET';
    const idempotent = request.idempotent ?? method !== 'POST';
    const attempts = idempotent ? this.options.retries + 1 : 1;
    let renewedToken = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(request, method);
      } catch (err) {
        if (request.signal?.aborted) throw request.signal.reason;
        // On a server nobody can sign in: a client without credentials is misconfigured.
        if (err instanceof SignInRequiredError && !this.options.tokens && this.options.serverSide) {
          throw new ConfigurationError(
            `The platform needs credentials for ${request.path}, and this client has none: give NetpadClient your app's \`appKey\` (on a server) or a \`tokenProvider\``,
            { cause: err },
          );
        }
        // A token that expired or was revoked mid-flight: fetch a new one once.
        if (err instanceof NetpadError && err.status === 401 && err.code === 'invalid_token' && !renewedToken && this.options.tokens?.invalidate) {
          renewedToken = true;
          this.options.tokens.invalidate();
          attempt--;
          continue;
        }
        const last = attempt + 1 >= attempts;
        if (err instanceof RateLimitedError) {
          if (last || err.retryAfter > this.options.maxRetryAfter) throw err;
          await this.options.sleep(err.retryAfter * 1000, request.signal);
          continue;
        }
        if (!(err instanceof NetworkError) || !err.retryable || last) throw err;
        // Exponential backoff with full jitter: many clients retrying together spread out.
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
        await this.options.sleep(Math.round(this.options.random() * ceiling), request.signal);
      }
    }
  }

  private async attempt(request: RequestOptions, method: string): Promise<Reply> {
    const headers = new Headers(request.headers);
    headers.set('accept', 'application/json, application/problem+json');
    const url = new URL(request.path, this.options.baseUrl);
    if (request.auth !== false && this.options.tokens) {
      if (this.options.tokens.authorize) {
        const auth = await this.options.tokens.authorize({ method, url: `${url.origin}${url.pathname}` });
        for (const [k, v] of Object.entries(auth ?? {})) headers.set(k, v);
      } else {
        const token = checkedToken(await this.options.tokens.getToken({ signal: request.signal }));
        if (token) headers.set('authorization', `Bearer ${token}`);
      }
    }
    let body: string | undefined;
    if (request.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.body);
    }
    // A timer of our own rather than AbortSignal.timeout: in Node that timer does not keep the
    // process alive, so a hung request could end a script silently instead of timing out.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.options.timeout);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    try {
      let response: Response;
      try {
        response = await this.options.fetch(url, { method, headers, body, signal });
      } catch (err) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (timeout.signal.aborted) throw new NetworkError(`No answer from the platform within ${this.options.timeout} ms`, { retryable: true, cause: err, code: 'timeout' });
        throw new NetworkError('Could not reach the platform (offline, or the connection dropped)', { retryable: true, cause: err });
      }
      if (response.ok || response.status === 304) {
        let text: string;
        try {
          text = await response.text();
        } catch (err) {
          if (request.signal?.aborted) throw request.signal.reason;
          throw new NetworkError('The connection dropped while the answer was arriving', { retryable: true, cause: err, code: timeout.signal.aborted ? 'timeout' : 'network' });
        }
        return { status: response.status, headers: response.headers, text };
      }
      throw await errorFromResponse(response);
    } finally {
      clearTimeout(timer);
    }
  }
}
