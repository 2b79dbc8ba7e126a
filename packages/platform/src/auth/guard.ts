import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Db } from '../db/open';
import { ProblemError } from '../api/problem';
import { messagePage, pageLocale, TEXT } from './pages';
import { PAGE_HEADERS } from './interactions';

/** Longest `state` or `nonce` an app may send; real ones are 20 to 100 characters. */
export const MAX_STATE_LENGTH = 512;
/** Longest query of an authorization request; what it carries is stored with the interaction. */
export const MAX_AUTHORIZATION_QUERY = 4096;
/** Largest body of a form post to the authorization server (token, PAR, sign-out). */
export const MAX_AUTHORIZATION_BODY = 16 * 1024;

const SESSION_COOKIE = '_session';

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export interface GuardDeps {
  db: Db;
  provider: Provider;
  take: (key: string, perMinute: number) => void;
  limits: { authorizationPerMinute: number };
}

/**
 * Decides, before oidc-provider sees a request, what an anonymous caller may make it store:
 * every call costs its address a token; an authorization request may carry only so much; and a
 * sign-out without a session is answered here, because oidc-provider would store a session
 * just to ask "sign out?". Resolves true when it answered the request itself.
 */
export function authorizationGuard({ db, provider, take, limits }: GuardDeps) {
  const liveSession = (id: string) => db.one(`SELECT 1 FROM oidc_models WHERE model = 'Session' AND id = ? AND (expires_at IS NULL OR expires_at > ?)`, id, Date.now()) !== undefined;

  return async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    take(`authorization:${request.ip}`, limits.authorizationPerMinute);
    const [path = '', query = ''] = request.url.split('?', 2);

    if (request.method === 'POST') {
      const length = Number(request.headers['content-length'] ?? NaN);
      if (!Number.isFinite(length)) throw new ProblemError(411, 'length_required', 'Length required', 'Send the form with a Content-Length.');
      if (length > MAX_AUTHORIZATION_BODY) throw new ProblemError(413, 'payload_too_large', 'Payload too large', `At most ${MAX_AUTHORIZATION_BODY} bytes.`);
    }

    if (path === '/auth') {
      if (query.length > MAX_AUTHORIZATION_QUERY) throw new ProblemError(414, 'uri_too_long', 'URI too long', `An authorization request carries at most ${MAX_AUTHORIZATION_QUERY} characters of parameters.`);
      const params = new URLSearchParams(query);
      for (const name of ['state', 'nonce']) {
        const value = params.get(name);
        if (value && value.length > MAX_STATE_LENGTH) throw new ProblemError(400, 'invalid_request', 'Invalid request', `"${name}" is at most ${MAX_STATE_LENGTH} characters.`);
      }
    }

    if (path === '/session/end' && (request.method === 'GET' || request.method === 'POST')) {
      const id = cookie(request.headers.cookie, SESSION_COOKIE);
      if (id && liveSession(id)) return false;
      // Nobody is signed in on this browser: nothing to end and nothing to store.
      const params = request.method === 'GET' ? new URLSearchParams(query) : new URLSearchParams();
      const target = params.get('post_logout_redirect_uri');
      const clientId = params.get('client_id');
      if (target && clientId) {
        const client = await provider.Client.find(clientId).catch(() => undefined);
        if (client?.postLogoutRedirectUriAllowed(target)) {
          const url = new URL(target);
          const state = params.get('state');
          if (state && state.length <= MAX_STATE_LENGTH) url.searchParams.set('state', state);
          await reply.header('cache-control', 'no-store').redirect(url.href, 303);
          return true;
        }
      }
      const locale = pageLocale(request.headers['accept-language']);
      await reply.code(200).headers(PAGE_HEADERS).send(messagePage(locale, TEXT[locale].signOut, TEXT[locale].signedOut));
      return true;
    }
    return false;
  };
}
