import type { NetpadClient, UserSession } from '@netpad/sdk';

/** How a `resource` figure is shown: in this page's DOM, or in a frame of the platform. */
export type NetpadMode = 'inline' | 'frame';

/**
 * Page-level settings for every `<netpad-embed resource>` on the page. Attributes on an element
 * (`platform`, `client-id`, `mode`) win over these.
 */
export interface NetpadPageConfig {
  /** The platform's base URL, e.g. `https://netpad.example`. */
  platform?: string;
  /** Your app's client id. */
  clientId?: string;
  /** `inline` (default) or `frame`. */
  mode?: NetpadMode;
  /**
   * Inline mode: the page's own client (a vendor's, whose token provider may ask the vendor's
   * backend). When absent, the element makes one per platform and app, with a sign-in session.
   */
  client?: NetpadClient;
  /** Inline mode: the session readers sign in with (the popup opens from the element's button). */
  session?: UserSession;
  /**
   * Inline mode without `session`: the page on this site that ends a sign-in popup (it calls
   * `completeSignInPopup()` from `@netpad/sdk`); it must be registered with the app.
   */
  redirectUri?: string;
  /** May readers buy a figure from inside the element? Default true. */
  purchase?: boolean;
  /**
   * Where readers go when they cannot sign in here: a sandboxed frame (WordPress's embeds) can
   * open no window. The element then shows the figure page's address to copy, its QR code to
   * scan, and, with `open`, a button that asks the host page to go there.
   */
  elsewhere?: { url: string; qr: string; open?: () => void };
}

interface Shared {
  config: NetpadPageConfig;
  events: EventTarget;
}

// Several copies of the element's script on one page (a theme and a plugin) share one config.
const KEY = Symbol.for('netpad.embed.config');
const shared = ((globalThis as Record<symbol, unknown>)[KEY] ??= { config: {}, events: new EventTarget() }) as Shared;

/** Sets page-level settings (merged with earlier ones); elements already on the page pick them up. */
export function configureNetpad(config: NetpadPageConfig): void {
  shared.config = { ...shared.config, ...config };
  shared.events.dispatchEvent(new Event('config'));
}

export function netpadConfig(): Readonly<NetpadPageConfig> {
  return shared.config;
}

/** `config`: the settings changed; `session`: someone signed in or out (every element re-checks). */
export function onNetpadConfig(type: 'config' | 'session', listener: () => void): () => void {
  shared.events.addEventListener(type, listener);
  return () => shared.events.removeEventListener(type, listener);
}

/** Tells every element on the page that the reader signed in or out. */
export function notifySessionChange(): void {
  shared.events.dispatchEvent(new Event('session'));
}
