import { createLocalJWKSet, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import type { Principal } from '../entitlements';
import type { SigningKey } from './keys';

export class TokenError extends Error {
  /** The OAuth error code for `WWW-Authenticate` (RFC 6750). */
  readonly code: 'invalid_token' | 'invalid_request';
  constructor(code: 'invalid_token' | 'invalid_request', message: string) {
    super(message);
    this.code = code;
  }
}

const MAX_REMEMBERED = 10_000;

export interface VerifiedToken extends Principal {
  scopes: string[];
  expiresAt: number;
}

/**
 * Checks the platform API's bearer tokens: signature (the platform's own keys), type `at+jwt`,
 * issuer, audience and expiry. Tokens carry who is asking; what they may do is looked up per
 * request (entitlements), so a revoked grant takes effect at once.
 */
export function tokenVerifier(keys: readonly SigningKey[], issuer: string, audience: string) {
  const publicKeys: JWK[] = keys.map(({ d: _d, ...pub }) => pub);
  const jwks = createLocalJWKSet({ keys: publicKeys });
  // A token is immutable: once its signature is checked, it is remembered until it expires,
  // so a page's many requests with one token pay for one signature check.
  const verified = new Map<string, VerifiedToken>();
  return async (authorization: string | undefined): Promise<VerifiedToken | undefined> => {
    if (!authorization) return undefined;
    const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
    if (!match) throw new TokenError('invalid_request', 'The Authorization header must be "Bearer <token>"');
    const hit = verified.get(match[2]!);
    if (hit) {
      if (hit.expiresAt * 1000 > Date.now()) return hit;
      verified.delete(match[2]!);
    }
    try {
      const { payload } = await jwtVerify(match[2]!, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });
      if (typeof payload.client_id !== 'string') throw new TokenError('invalid_token', 'The token names no client');
      // A sender-constrained (DPoP) token must come with its proof; checking proofs arrives with user sign-in.
      if ((payload.cnf as { jkt?: string } | undefined)?.jkt) throw new TokenError('invalid_token', 'DPoP-bound tokens are not accepted by this API yet');
      const isUser = typeof payload.sub === 'string' && payload.sub !== payload.client_id;
      const token: VerifiedToken = {
        clientId: payload.client_id,
        userId: isUser ? payload.sub : undefined,
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [],
        expiresAt: payload.exp ?? 0,
      };
      if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
      verified.set(match[2]!, token);
      return token;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('invalid_token', 'The access token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        if (err.claim === 'typ') throw new TokenError('invalid_token', 'The token is not an access token (typ)');
        throw new TokenError('invalid_token', `The access token is not for this API (${err.claim})`);
      }
      throw new TokenError('invalid_token', 'The access token is not valid');
    }
  };
}
