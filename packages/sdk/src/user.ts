import type { TokenProvider } from './token';
import type { UserSessionOptions } from './sign-in/options';
import type * as SessionModule from './sign-in/session';
import type { SessionChange, SessionCore } from './sign-in/session';
import { hasKeptSignIn } from './sign-in/kept-sign-in';

export type { UserSessionOptions };

let loading: Promise<typeof SessionModule> | undefined;
const load = () => (loading ??= import('./sign-in/session'));

/**
 * A signed-in user, as a token provider for NetpadClient. The sign-in code (oidc-client-ts) is
 * fetched on first use only.
 *
 * ```ts
 * const user = new UserSession({ platform, clientId: 'demo-blog', redirectUri });
 * button.onclick = () => user.signInPopup();   // straight from the click
 * const client = new NetpadClient({ platform, clientId: 'demo-blog', tokenProvider: user });
 * ```
 */
export class UserSession implements TokenProvider {
  private core: SessionCore | undefined;
  private readonly options: UserSessionOptions;
  private restoring: Promise<boolean> | undefined;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  /** The frames and tabs of this site that hold the same app's sign-in. */
  private readonly channel: BroadcastChannel | undefined;

  constructor(options: UserSessionOptions) {
    this.options = options;
    // Browsers only: in Node (which has BroadcastChannel too) an open channel would keep the process alive.
    if (typeof window !== 'undefined' && typeof BroadcastChannel !== 'undefined' && options.keepSignedIn !== false && options.dpop !== false) {
      this.channel = new BroadcastChannel(`netpad-session:${new URL(options.platform).origin}:${options.clientId}`);
      this.channel.onmessage = (event: MessageEvent) => void this.heard(event.data);
    }
  }

  /** Another frame or tab signed in or out: follow it, then tell this page's listeners. */
  private async heard(data: unknown): Promise<void> {
    const change = (data as { change?: unknown } | null)?.change;
    if (change !== 'signed-in' && change !== 'signed-out') return;
    if (change === 'signed-out') this.core?.forget();
    else if (this.core) await this.core.reload();
    else this.restoring = undefined; // the next restore() looks again
    for (const listener of this.listeners) listener(change);
  }

  /**
   * Calls `listener` when another frame or tab of this site signs this app in or out, so
   * every figure on a page follows one sign-in. Returns a function that stops listening.
   */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Picks up a sign-in kept from an earlier page (a reload, another page of the site): resolves
   * true when the reader is signed in. Loads the sign-in code only when there is one to pick up.
   */
  restore(): Promise<boolean> {
    if (this.core) return this.core.restored.then(() => this.core!.signedIn);
    this.restoring ??= (async () => {
      if (this.options.keepSignedIn === false || this.options.dpop === false) return false;
      if (!(await hasKeptSignIn(this.options.platform, this.options.clientId))) return false;
      const core = await this.session();
      await core.restored;
      return core.signedIn;
    })();
    return this.restoring;
  }

  /** The platform's origin this session signs in to (its tokens go nowhere else). */
  get platform(): string {
    return new URL(this.options.platform).origin;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  private async session(): Promise<SessionCore> {
    const module = await load();
    this.core ??= new module.SessionCore(this.options, (change) => this.channel?.postMessage({ change }));
    return this.core;
  }

  /** Whether a user is signed in on this page. */
  get signedIn(): boolean {
    return this.core?.signedIn ?? false;
  }

  /** The signed-in user's id. */
  get subject(): string | undefined {
    return this.core?.subject;
  }

  /**
   * Signs in in a popup. Call it from the click handler itself: the window is opened at once
   * (browsers allow pop-ups only during a click), then the sign-in code loads and fills it.
   * Rejects with PopupBlockedError, PopupClosedError or SignInFailedError.
   */
  signInPopup(): Promise<void> {
    // A custom navigator (the Office dialog) opens its own window.
    if (this.options.navigators?.popup) return this.session().then((core) => core.signInPopup());
    const { POPUP_TARGET_NAME } = UserSession;
    const opened = typeof window !== 'undefined' ? window.open('about:blank', POPUP_TARGET_NAME, 'popup,width=480,height=640') : null;
    if (!opened) return load().then((m) => Promise.reject(new m.PopupBlockedError()));
    return this.session().then((core) => core.signInPopup());
  }

  /** Signs in by leaving the page; finish with `completeRedirect()` on the redirect page. */
  async signInRedirect(): Promise<void> {
    await (await this.session()).signInRedirect();
  }

  async completeRedirect(url?: string): Promise<void> {
    await (await this.session()).completeRedirect(url);
  }

  /** Revokes the refresh token and forgets the sign-in, here and in every frame and tab of this site. */
  async signOut(): Promise<void> {
    await this.restore();
    if (this.core) await this.core.signOut();
  }

  async getToken(): Promise<string | undefined> {
    await this.restore();
    return this.core ? this.core.getToken() : undefined;
  }

  async authorize(request: { method: string; url: string }): Promise<Record<string, string> | undefined> {
    // A user's token is for its own platform only, whoever asks.
    if (new URL(request.url).origin !== this.platform) return undefined;
    await this.restore();
    return this.core ? this.core.authorize(request) : undefined;
  }

  invalidate(): void {
    this.core?.invalidate();
  }

  /** The popup's window name; the sign-in code reuses the window opened in the click. */
  static readonly POPUP_TARGET_NAME = 'netpad-sign-in';
}

/** Call on the page at the popup's redirect URI. */
export async function completeSignInPopup(url?: string): Promise<void> {
  await (await load()).completePopup(url);
}

export async function signInErrors() {
  const m = await load();
  return { PopupBlockedError: m.PopupBlockedError, PopupClosedError: m.PopupClosedError, SignInFailedError: m.SignInFailedError };
}
