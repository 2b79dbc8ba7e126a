import type { TokenProvider } from './token';
import type { UserSessionOptions } from './sign-in/options';
import type * as SessionModule from './sign-in/session';
import type { SessionCore } from './sign-in/session';

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

  constructor(options: UserSessionOptions) {
    this.options = options;
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
    this.core ??= new module.SessionCore(this.options);
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

  async signOut(): Promise<void> {
    if (this.core) await this.core.signOut();
  }

  async getToken(): Promise<string | undefined> {
    return this.core ? this.core.getToken() : undefined;
  }

  async authorize(request: { method: string; url: string }): Promise<Record<string, string> | undefined> {
    // A user's token is for its own platform only, whoever asks.
    if (new URL(request.url).origin !== this.platform) return undefined;
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
