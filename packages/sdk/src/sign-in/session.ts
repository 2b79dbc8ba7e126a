/**
 * The user's sign-in, loaded only when a sign-in is needed (it brings oidc-client-ts): a page
 * with free figures alone never downloads it.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { dpopStore, stateStore, storageAvailable } from './storage';
import { KeptSignInStore } from './kept-sign-in';
import { ConfigurationError, NetpadError, SignInRequiredError } from '../errors';
import type { UserSessionOptions } from './options';

/** The browser blocked the sign-in window: call signIn from the click handler itself. */
export class PopupBlockedError extends NetpadError {
  constructor() {
    super('The browser blocked the sign-in window. Start the sign-in from a click, and allow pop-ups for this site.', 0, 'popup_blocked');
  }
}
/** The reader closed the sign-in window before finishing. */
export class PopupClosedError extends NetpadError {
  constructor() {
    super('The sign-in window was closed before the sign-in finished.', 0, 'popup_closed');
  }
}
/** The platform or the reader refused the sign-in (e.g. Cancel on the consent page). */
export class SignInFailedError extends NetpadError {}

export const POPUP_TARGET = 'netpad-sign-in';

export type SessionChange = 'signed-in' | 'signed-out';

export class SessionCore {
  readonly manager: UserManager;
  private user: User | null = null;
  /** Seconds the current access token was valid for when it arrived. */
  private lifetime = 0;
  private readonly lockName: string;

  private readonly options: UserSessionOptions;
  /** Whether the sign-in outlives the page (see kept-sign-in.ts). */
  readonly kept: boolean;
  /** Settles once a sign-in kept from an earlier page is loaded (not yet renewed). */
  readonly restored: Promise<void>;
  /** Tells the other frames and tabs of this site (see UserSession). */
  private readonly announce: (change: SessionChange) => void;
  constructor(options: UserSessionOptions, announce: (change: SessionChange) => void = () => undefined) {
    this.options = options;
    this.announce = announce;
    if (typeof window === 'undefined') throw new ConfigurationError('User sign-in runs in a browser; on a server use appCredentials.');
    this.lockName = `netpad-refresh:${options.platform}:${options.clientId}`;
    // Only a DPoP-bound sign-in is kept: a bearer refresh token in storage could be taken and
    // used anywhere. Where storage is blocked (some third-party frames), memory it is.
    this.kept = options.keepSignedIn !== false && options.dpop !== false && typeof indexedDB !== 'undefined' && storageAvailable();
    this.manager = new UserManager(
      {
        authority: options.platform,
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        popup_redirect_uri: options.popupRedirectUri ?? options.redirectUri,
        scope: 'openid figures',
        response_type: 'code',
        ui_locales: options.locale,
        // The access token lives in this page's memory only; a DPoP-bound refresh token may
        // outlive the page (see kept-sign-in.ts).
        userStore: this.kept ? new KeptSignInStore() : new WebStorageStateStore({ store: new InMemoryWebStorage() }),
        stateStore: stateStore(),
        // Third-party cookies are gone: renewal uses the refresh token, never a hidden iframe.
        automaticSilentRenew: false,
        monitorSession: false,
        revokeTokensOnSignout: false,
        // oidc-provider answers a revocation with an empty text/plain 200.
        revokeTokenAdditionalContentTypes: ['text/plain'],
        ...(options.dpop === false ? {} : { dpop: { store: dpopStore() } }),
      },
      options.navigators?.redirect,
      options.navigators?.popup,
    );
    this.restored = this.kept ? this.reload() : Promise.resolve();
  }

  /**
   * Reads the kept sign-in (another frame or tab may have signed in or renewed). A user this
   * page holds with a fresh token stays; otherwise the kept one is taken, to renew when used.
   */
  async reload(): Promise<void> {
    const kept = await this.manager.getUser().catch(() => null);
    if (!kept?.refresh_token) {
      if (this.user && !this.fresh(this.user)) this.keep(null);
      return;
    }
    if (this.user && this.fresh(this.user) && this.user.profile.sub === kept.profile.sub) return;
    this.keep(kept);
  }

  /** Forgets the user here (another frame or tab signed out). */
  forget(): void {
    this.keep(null);
  }

  /** Signed in: a token in hand, or a refresh token to get one. */
  get signedIn(): boolean {
    return !!this.user && (!this.user.expired || !!this.user.refresh_token);
  }

  get subject(): string | undefined {
    return this.user?.profile.sub;
  }

  async signInPopup(): Promise<void> {
    try {
      this.keep(await this.manager.signinPopup({ popupWindowTarget: POPUP_TARGET, popupAbortOnClose: true }));
    } catch (err) {
      throw mapSignInError(err);
    }
    this.announce('signed-in');
  }

  async signInRedirect(): Promise<void> {
    await this.manager.signinRedirect();
  }

  /** On the page the platform sends the reader back to after a redirect sign-in. */
  async completeRedirect(url = location.href): Promise<void> {
    try {
      this.keep(await this.manager.signinRedirectCallback(url));
    } catch (err) {
      throw mapSignInError(err);
    }
    this.announce('signed-in');
  }

  /** Headers for one API request: `Bearer`, or `DPoP` with a fresh proof for this method and URL. */
  async authorize(request: { method: string; url: string }): Promise<Record<string, string> | undefined> {
    const user = await this.currentUser();
    if (!user) return undefined;
    if (user.token_type?.toLowerCase() === 'dpop') {
      const proof = await this.manager.dpopProof(request.url, user, request.method);
      return { authorization: `DPoP ${user.access_token}`, ...(proof ? { dpop: proof } : {}) };
    }
    return { authorization: `Bearer ${user.access_token}` };
  }

  async getToken(): Promise<string | undefined> {
    return (await this.currentUser())?.access_token;
  }

  invalidate(): void {
    if (this.user) this.user.expires_at = 0;
  }

  private keep(user: User | null): User | null {
    this.user = user;
    this.lifetime = user?.expires_in ?? 0;
    return user;
  }

  /** Renew when under a third of the token's life, or 30 s, is left: never a token that dies in flight. */
  private fresh(user: User | null): boolean {
    return !!user && (user.expires_in ?? 0) > Math.min(30, this.lifetime / 3);
  }

  /** Revokes the tokens at the platform and forgets them here. */
  async signOut(): Promise<void> {
    // The platform's access tokens are JWTs, which cannot be revoked (they expire within
    // minutes); the refresh token can, and is what keeps a sign-in alive.
    // Offline, the sign-out still happens here; the refresh token then dies with its lifetime.
    await this.manager.revokeTokens(['refresh_token']).catch(() => undefined);
    await this.manager.removeUser();
    this.keep(null);
    this.announce('signed-out');
  }

  /**
   * The user, renewed with the refresh token when the access token is (nearly) expired. One
   * renewal at a time across every client of the page and every tab (navigator.locks): many
   * figures asking at once share one refresh.
   */
  private async currentUser(): Promise<User | null> {
    const user = this.user;
    if (!user) return null;
    if (this.fresh(user)) return user;
    if (!user.refresh_token) throw new SignInRequiredError('The sign-in has expired', 401, 'sign_in_required');
    const renew = async () => {
      // Another caller may have renewed while this one waited for the lock.
      if (this.fresh(this.user)) return this.user;
      try {
        // signinSilent reads the refresh token from the store: with a kept sign-in that is the
        // latest one, even when another frame rotated it a moment ago.
        return this.keep(await this.manager.signinSilent());
      } catch (err) {
        this.keep(null);
        // The platform refused the refresh token (signed out, revoked, expired): forget it for
        // every frame and tab. A network failure keeps it, to try again later.
        if (typeof (err as { error?: unknown }).error === 'string') {
          await this.manager.removeUser().catch(() => undefined);
          this.announce('signed-out');
        }
        throw new SignInRequiredError('The sign-in has expired', 401, 'sign_in_required');
      }
    };
    return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(this.lockName, renew) : renew();
  }
}

function mapSignInError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/popup.*(blocked|failed to open|window)/i.test(message) && /open|blocked/i.test(message)) return new PopupBlockedError();
  if (/closed/i.test(message)) return new PopupClosedError();
  return new SignInFailedError(message, 0, (err as { error?: string }).error ?? 'sign_in_failed');
}

/** For the page at the popup's redirect URI: hands the result to the opener and closes. */
export async function completePopup(url = location.href): Promise<void> {
  await new UserManager({ authority: location.origin, client_id: 'netpad', redirect_uri: url }).signinPopupCallback(url);
}
