/**
 * Typed errors, mapped from the platform's RFC 9457 problem details by their `type`. Catch the
 * class you can act on: sign in, offer a purchase, reload and retry, wait.
 */
import type { Action, Offer } from './types';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class NetpadError extends Error {
  /** HTTP status, 0 when the request never got an answer. */
  readonly status: number;
  /** The problem type's last segment, e.g. `insufficient_entitlement`. */
  readonly code: string;
  readonly problem: Problem | undefined;
  constructor(message: string, status: number, code: string, problem?: Problem) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.problem = problem;
  }
}

/** 401: no token, or it is no longer good: sign in (again). */
export class SignInRequiredError extends NetpadError {}

/** 403 insufficient_entitlement: the missing actions, and offers that would grant them. */
export class InsufficientEntitlementError extends NetpadError {
  /** The actions the caller lacks on the figure. */
  get missing(): Action[] {
    return (this.problem?.missing as Action[] | undefined) ?? [];
  }
  /** What the caller could buy to get them (a user's token; empty for an app's). */
  get offers(): Offer[] {
    return (this.problem?.offers as Offer[] | undefined) ?? [];
  }
}

/** Another 403: e.g. an app token where a user's is needed. */
export class ForbiddenError extends NetpadError {}

export class NotFoundError extends NetpadError {}

/** 422 invalid_document: every validation error with its JSON path. */
export class InvalidDocumentError extends NetpadError {
  get errors(): { path: string; code: string; message: string }[] {
    return (this.problem?.errors as { path: string; code: string; message: string }[] | undefined) ?? [];
  }
}

/** 412: the figure changed since it was read (stale If-Match); reload, reapply, save again. */
export class ConflictError extends NetpadError {}

/** 402 insufficient_funds. */
export class InsufficientFundsError extends NetpadError {}

/** 429: `retryAfter` seconds to wait. */
export class RateLimitedError extends NetpadError {
  readonly retryAfter: number;
  constructor(message: string, problem: Problem | undefined, retryAfter: number) {
    super(message, 429, 'rate_limited', problem);
    this.retryAfter = retryAfter;
  }
}

/** No usable answer: offline, connection dropped, timed out, or a server error. */
export class NetworkError extends NetpadError {
  /** Whether trying again later may work. */
  readonly retryable: boolean;
  constructor(message: string, options: { status?: number; retryable: boolean; cause?: unknown; code?: string }) {
    super(message, options.status ?? 0, options.code ?? 'network', undefined);
    this.retryable = options.retryable;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The client is set up wrongly (e.g. an app key in a browser). */
export class ConfigurationError extends NetpadError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 0, 'configuration');
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** Turns an error response into the matching typed error. */
export async function errorFromResponse(response: Response): Promise<NetpadError> {
  let problem: Problem | undefined;
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Problem;
    if (parsed && typeof parsed === 'object' && typeof parsed.type === 'string') problem = parsed;
  } catch {
    // Not JSON (a proxy's HTML page, say): the status decides.
  }
  const code = problem?.type.split('/').pop() ?? `http_${response.status}`;
  const message = problem ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}` : `The platform answered ${response.status} ${response.statusText}`.trim();
  switch (response.status) {
    case 401:
      return new SignInRequiredError(message, 401, code, problem);
    case 402:
      return new InsufficientFundsError(message, 402, code, problem);
    case 403:
      return code === 'insufficient_entitlement' ? new InsufficientEntitlementError(message, 403, code, problem) : new ForbiddenError(message, 403, code, problem);
    case 404:
      return new NotFoundError(message, 404, code, problem);
    case 412:
    case 428:
      return new ConflictError(message, response.status, code, problem);
    case 422:
      return code === 'invalid_document' ? new InvalidDocumentError(message, 422, code, problem) : new NetpadError(message, 422, code, problem);
    case 429:
      return new RateLimitedError(message, problem, retryAfterSeconds(response.headers.get('retry-after')));
    default:
      if (response.status >= 500) return new NetworkError(message, { status: response.status, retryable: response.status !== 501, code });
      return new NetpadError(message, response.status, code, problem);
  }
}

/** Retry-After as seconds: a number, or an HTTP date. */
export function retryAfterSeconds(value: string | null): number {
  if (!value) return 1;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : 1;
}
