import { ConfigurationError, errorFromResponse, NetworkError } from './errors';

/**
 * Where access tokens come from. Give your own to get tokens from your backend (a vendor that
 * holds its app key there), or use `appCredentials` on a server.
 */
export interface TokenProvider {
  /** A current access token, or undefined to call anonymously. */
  getToken(options?: { signal?: AbortSignal }): Promise<string | undefined>;
  /** Forget the current token (it was refused); the next getToken fetches a new one. */
  invalidate?(): void;
  /**
   * Headers for one request, when a token needs more than `Authorization: Bearer` (a DPoP
   * proof bound to the method and URL). Used instead of getToken when present.
   */
  authorize?(request: { method: string; url: string }): Promise<Record<string, string> | undefined>;
}

/** Renew this long before a token expires, so a request never carries one that dies in flight. */
const RENEW_EARLY_MS = 30_000;

const inBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

/**
 * App credentials (client_credentials) for a server: the token is cached until shortly before
 * it expires, and concurrent callers share one token request. Refuses to run in a browser:
 * an app key must never reach one.
 */
export function appCredentials(options: { platform: string; clientId: string; appKey: string; fetch?: typeof fetch }): TokenProvider {
  if (inBrowser()) {
    throw new ConfigurationError('App keys must never reach a browser: use appCredentials on your server, and a token provider that asks your server in the page.');
  }
  const doFetch = options.fetch ?? fetch;
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const basic = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.appKey)}`);

  const request = async (): Promise<string> => {
    let response: Response;
    try {
      response = await doFetch(new URL('/token', options.platform), {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials&scope=figures',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new NetworkError('Could not reach the platform for an app token', { retryable: true, cause: err });
    }
    if (!response.ok) {
      if (response.status === 400 || response.status === 401) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
        throw new ConfigurationError(`The platform refused the app credentials of "${options.clientId}": ${body.error ?? response.status} ${body.error_description ?? ''}`.trim());
      }
      throw await errorFromResponse(response);
    }
    const body = (await response.json()) as { access_token: string; expires_in: number };
    current = { token: body.access_token, renewAt: Date.now() + body.expires_in * 1000 - RENEW_EARLY_MS };
    return body.access_token;
  };

  return {
    async getToken() {
      if (current && Date.now() < current.renewAt) return current.token;
      pending ??= request().finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      current = undefined;
    },
  };
}

/** A fixed token (tests, scripts). */
export function staticToken(token: string | undefined): TokenProvider {
  return { getToken: async () => token };
}
