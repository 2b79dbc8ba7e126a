import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import { createHash } from 'node:crypto';
import type { Principal } from '../entitlements';
import type { SigningKey } from './keys';

/** The one scope of the platform API; a token without it opens nothing here. */
export const API_SCOPE = 'figures';

export class TokenError extends Error {
  /** The OAuth error code for `WWW-Authenticate` (RFC 6750). */
  readonly code: 'invalid_token' | 'invalid_request' | 'insufficient_scope';
  constructor(code: 'invalid_token' | 'invalid_request' | 'insufficient_scope', message: string) {
    super(message);
    this.code = code;
  }
}

const MAX_REMEMBERED = 10_000;

/** The longest lifetime (exp − iat) an access token may claim, in seconds: a day. */
export const MAX_TOKEN_LIFETIME = 86_400;

/**
 * The form of a URL that DPoP's `htu` is compared in (RFC 9449 §4.3, RFC 3986 §6.2.2–6.2.3):
 * scheme and host in lower case, no default port, no query or fragment.
 */
export function normalizeHtu(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

export interface VerifiedToken extends Principal {
  scopes: string[];
  expiresAt: number;
  /** The authorization grant a user token comes from; gone once the grant is revoked. */
  grantId?: string;
  /** Thumbprint of the key a DPoP-bound token is bound to. */
  jkt?: string;
}

/** What a DPoP proof must match: the request it comes with. */
export interface ProofContext {
  method: string;
  /** The request URL without query and fragment. */
  url: string;
  proof: string | undefined;
}

/** A DPoP-bound token needs the DPoP scheme and a fresh proof by its key; a bearer token must not claim DPoP. */
async function checkBinding(token: VerifiedToken, scheme: string, raw: string, proofs: DPoPProofChecker, request: ProofContext | undefined): Promise<void> {
  if (!token.jkt) {
    if (scheme === 'dpop') throw new TokenError('invalid_token', 'This token is not DPoP-bound: send it with the Bearer scheme');
    return;
  }
  if (scheme !== 'dpop') throw new TokenError('invalid_token', 'This token is DPoP-bound: send it with the DPoP scheme and a DPoP proof');
  if (!request?.proof) throw new TokenError('invalid_token', 'A DPoP proof is required with this token');
  await proofs.check(request.proof, { method: request.method, url: request.url, accessToken: raw, jkt: token.jkt });
}

const MAX_PROOFS = 200_000;

/** How old (or how far in the future) a DPoP proof's iat may be, in seconds. */
const PROOF_WINDOW = 60;

/**
 * RFC 9449 proofs: signed by the key in their header, for this method and URL, for this
 * access token (ath), recent, and never seen before (jti).
 */
class DPoPProofChecker {
  private readonly seen = new Map<string, number>();

  async check(proof: string, expected: { method: string; url: string; accessToken: string; jkt: string }): Promise<void> {
    let header;
    try {
      header = decodeProtectedHeader(proof);
    } catch {
      throw new TokenError('invalid_token', 'The DPoP proof is not a JWT');
    }
    if (header.typ !== 'dpop+jwt' || !header.jwk || !header.alg || header.alg.startsWith('HS') || header.alg === 'none') {
      throw new TokenError('invalid_token', 'The DPoP proof header is not valid');
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(proof, await importJWK(header.jwk as JWK, header.alg), { typ: 'dpop+jwt', clockTolerance: PROOF_WINDOW }));
    } catch {
      throw new TokenError('invalid_token', 'The DPoP proof signature is not valid');
    }
    if ((await calculateJwkThumbprint(header.jwk as JWK)) !== expected.jkt) throw new TokenError('invalid_token', 'The DPoP proof is signed by another key than the token is bound to');
    if (payload.htm !== expected.method) throw new TokenError('invalid_token', 'The DPoP proof is for another method');
    const htu = typeof payload.htu === 'string' ? normalizeHtu(payload.htu) : undefined;
    if (!htu || htu !== normalizeHtu(expected.url)) throw new TokenError('invalid_token', 'The DPoP proof is for another URL');
    if (payload.ath !== createHash('sha256').update(expected.accessToken).digest('base64url')) throw new TokenError('invalid_token', 'The DPoP proof is for another access token');
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > PROOF_WINDOW) throw new TokenError('invalid_token', 'The DPoP proof is too old');
    if (typeof payload.jti !== 'string' || payload.jti.length > 200) throw new TokenError('invalid_token', 'The DPoP proof has no jti');
    // Entries are in arrival order: drop the expired ones from the front, and never hold more than the cap.
    for (const [jti, at] of this.seen) {
      if (at >= now - 2 * PROOF_WINDOW && this.seen.size < MAX_PROOFS) break;
      this.seen.delete(jti);
    }
    if (this.seen.has(payload.jti)) throw new TokenError('invalid_token', 'This DPoP proof was used before');
    this.seen.set(payload.jti, now);
  }
}

/**
 * Checks the platform API's bearer tokens: signature (the platform's own keys), type `at+jwt`,
 * issuer, audience and expiry. Tokens carry who is asking; what they may do is looked up per
 * request (entitlements), so a revoked grant takes effect at once.
 */
export interface VerifierOptions {
  /** Whether a grant still stands; a token of a revoked grant is refused at once. */
  grantAlive?: (grantId: string) => boolean;
  /** Whether the app may still call (not suspended); its tokens are refused at once otherwise. */
  clientAlive?: (clientId: string) => boolean;
}

export function tokenVerifier(keys: readonly SigningKey[], issuer: string, audience: string, options: VerifierOptions = {}) {
  const revoked = () => new TokenError('invalid_token', 'This sign-in has ended (signed out or revoked): sign in again');
  const suspended = (clientId: string) => new TokenError('invalid_token', `The app "${clientId}" is suspended by the platform's operators`);
  const publicKeys: JWK[] = keys.map(({ d: _d, ...pub }) => pub);
  const jwks = createLocalJWKSet({ keys: publicKeys });
  // A token is immutable: once its signature is checked, it is remembered until it expires,
  // so a page's many requests with one token pay for one signature check.
  const verified = new Map<string, VerifiedToken>();
  const proofs = new DPoPProofChecker();
  return async (authorization: string | undefined, request?: ProofContext): Promise<VerifiedToken | undefined> => {
    if (!authorization) return undefined;
    const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
    if (!match) throw new TokenError('invalid_request', 'The Authorization header must be "Bearer <token>" or "DPoP <token>"');
    const scheme = match[1]!.toLowerCase();
    const hit = verified.get(match[2]!);
    if (hit) {
      if (hit.expiresAt * 1000 > Date.now()) {
        if (hit.grantId && options.grantAlive && !options.grantAlive(hit.grantId)) throw revoked();
        if (hit.clientId && options.clientAlive && !options.clientAlive(hit.clientId)) throw suspended(hit.clientId);
        await checkBinding(hit, scheme, match[2]!, proofs, request);
        return hit;
      }
      verified.delete(match[2]!);
    }
    try {
      const { payload } = await jwtVerify(match[2]!, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'], requiredClaims: ['exp', 'iat'] });
      if (typeof payload.client_id !== 'string') throw new TokenError('invalid_token', 'The token names no client');
      if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME) throw new TokenError('invalid_token', `The access token claims a lifetime over ${MAX_TOKEN_LIFETIME} s`);
      const grantId = typeof payload.gid === 'string' ? payload.gid : undefined;
      if (grantId && options.grantAlive && !options.grantAlive(grantId)) throw revoked();
      if (options.clientAlive && !options.clientAlive(payload.client_id)) throw suspended(payload.client_id);
      const isUser = typeof payload.sub === 'string' && payload.sub !== payload.client_id;
      const token: VerifiedToken = {
        clientId: payload.client_id,
        userId: isUser ? payload.sub : undefined,
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [],
        expiresAt: payload.exp!,
        grantId,
        jkt: (payload.cnf as { jkt?: unknown } | undefined)?.jkt as string | undefined,
      };
      await checkBinding(token, scheme, match[2]!, proofs, request);
      if (!token.scopes.includes(API_SCOPE)) throw new TokenError('insufficient_scope', `The token lacks the "${API_SCOPE}" scope: ask for it when signing in`);
      if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
      verified.set(match[2]!, token);
      return token;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('invalid_token', 'The access token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        if (err.claim === 'typ') throw new TokenError('invalid_token', 'The token is not an access token (typ)');
        if (err.reason === 'missing') throw new TokenError('invalid_token', `The access token has no "${err.claim}" claim`);
        throw new TokenError('invalid_token', `The access token is not for this API (${err.claim})`);
      }
      throw new TokenError('invalid_token', 'The access token is not valid');
    }
  };
}
