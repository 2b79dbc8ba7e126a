import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { FullscreenController } from '../../controllers/fullscreen';
import { property, state } from 'lit/decorators.js';
import type { FigureDocument, FigureState, FigureValidationError, Locale } from '@netpad/figure';
import { pickText } from '@netpad/figure/localize';
import type { FigureHandle } from '@netpad/figure/render';
import type { Entitlement, NetpadError, Offer, Order, Wallet } from '@netpad/sdk';
import { netpadConfig, notifySessionChange, onNetpadConfig, type NetpadMode } from '../../config';
import { CHANNEL, readFromFrame, type FrameStatus, type ToFrame } from '../../frame/protocol';
import { resolveLocale, strings, type Strings } from '../../internal/i18n';
import { loadRenderer } from '../../internal/load-renderer';
import { whenNearViewport } from '../../internal/near-viewport';
import { connectionFor, platformOrigin, type Connection } from '../../internal/platform-client';
import { buy, originRefused, resolveResource } from './resource-flow';
import { errorNamed } from '../../internal/errors';
import styles from './netpad-embed.styles';

/**
 * Where the element is. `sign-in`, `purchase` and `expired` are figures from a platform that the
 * reader may not view yet; the element shows what to do about it.
 */
export type NetpadEmbedStatus = FrameStatus;

/** What went wrong, for `netpad-error` listeners and for the error panel. */
export type NetpadErrorKind = 'config' | 'http' | 'network' | 'invalid' | 'render' | 'not-found' | 'unavailable' | 'frame-refused';

export interface NetpadLoadDetail {
  /** The figure document (absent in frame mode: it stays in the platform's frame). */
  readonly document?: FigureDocument;
  readonly title: string;
}
export interface NetpadChangeDetail {
  readonly state: FigureState;
}
export interface NetpadErrorDetail {
  readonly kind: NetpadErrorKind;
  readonly message: string;
  /** HTTP status, for `kind: 'http'`. */
  readonly status?: number;
  /** Every problem found in the document, for `kind: 'invalid'`. */
  readonly errors?: readonly FigureValidationError[];
}
export interface NetpadAuthRequiredDetail {
  /** The figure id. */
  readonly resource: string;
}

interface ErrorState extends NetpadErrorDetail {
  readonly title: string;
  /**
   * For mistakes of the page's developer (a site the app did not register): readers see the
   * poster and this neutral line; `message` goes to the console and `netpad-error`.
   */
  readonly reader?: string;
}

type Panel =
  | { kind: 'sign-in'; handledByPage: boolean; offers: Offer[] }
  | { kind: 'purchase'; offers: Offer[]; wallet: Wallet | undefined; expired: string | undefined };

const MAX_LISTED_ERRORS = 8;
const ASPECT_RATIO = /^\s*\d+(\.\d+)?\s*(\/\s*\d+(\.\d+)?\s*)?$/;
/** States in which a sign-in or purchase elsewhere on the page may change what this element shows. */
const WAITING_FOR_RIGHTS: readonly NetpadEmbedStatus[] = ['sign-in', 'purchase', 'expired'];

/**
 * An interactive dynamic-math figure. Reserves its space at once, shows its poster, and loads
 * the figure and the renderer only when it comes near the viewport (or at once, or on click).
 *
 * A figure is either a document at a URL (`src`), or a figure on a Netpad platform
 * (`resource`, with `platform` and `client-id` or `configureNetpad()`), shown `inline` in this
 * page with the SDK or in a `frame` of the platform's `/embed/:id` page (tokens stay there).
 *
 * @summary Shows a Netpad figure as a live, draggable JSXGraph board.
 *
 * @event {CustomEvent<NetpadLoadDetail>} netpad-load - The figure is drawn and interactive.
 * @event {CustomEvent<NetpadChangeDetail>} netpad-change - The reader changed the figure (a slider, a point); `detail.state` is the new state.
 * @event {CustomEvent<NetpadErrorDetail>} netpad-error - The figure could not be shown; the element shows why, with a retry where one helps.
 * @event {CustomEvent<{ status: NetpadEmbedStatus }>} netpad-status - `status` changed (loading, ready, sign-in, purchase, expired, error).
 * @event {CustomEvent<NetpadAuthRequiredDetail>} netpad-auth-required - The figure needs a signed-in reader. Cancelable: call `preventDefault()` to run your own sign-in (the element then shows no sign-in button).
 *
 * @csspart base - The frame around everything.
 * @csspart board - The container of the live board.
 * @csspart poster - The poster image shown before the figure is live.
 * @csspart status - The loading message.
 * @csspart error - The error panel (a banner over the poster when the network failed).
 * @csspart retry-button - The error panel's retry button.
 * @csspart panel - The sign-in, purchase and expired panels.
 * @csspart sign-in-button - The sign-in panel's button.
 * @csspart buy-button - A purchase panel's buy button.
 * @csspart confirm-button - The second step that confirms a purchase (it names the price, the validity and the balance after).
 * @csspart prices - Before sign-in: what the figure costs.
 * @csspart receipt - After a purchase: order, price and until when, over the figure it opened.
 * @csspart share-link - In a sandboxed frame (WordPress): the figure page's address to copy.
 * @csspart copy-button - Copies that address.
 * @csspart share-qr - The QR code of that address, to open it on a phone.
 * @csspart open-button - In WordPress's frame: asks the host page to open the figure page.
 * @csspart toolbar - The tools over a live figure (reset, full screen, edit, save as).
 * @csspart editor - The editing bar (name of the copy, save).
 * @csspart frame - The platform's frame, in frame mode.
 *
 * @cssproperty --netpad-aspect-ratio - Width / height of the reserved space (default `4 / 3`; the `aspect-ratio` attribute sets it).
 * @cssproperty --netpad-background - Background of the frame and panels.
 * @cssproperty --netpad-foreground - Text colour of panels.
 * @cssproperty --netpad-muted - Colour of the loading message.
 * @cssproperty --netpad-border - Border of the frame.
 * @cssproperty --netpad-radius - Corner radius of the frame.
 * @cssproperty --netpad-accent - Focus rings and buttons.
 * @cssproperty --netpad-error - Heading colour of the error panel.
 * @cssproperty --netpad-font - Font of panels.
 */
export default class NetpadEmbed extends LitElement {
  static override styles = styles;

  /** URL of a figure document (JSON, format version 1 or 2). Relative URLs resolve against the page. */
  @property({ reflect: true }) src = '';

  /** Id of a figure on a Netpad platform (instead of `src`). */
  @property({ reflect: true }) resource = '';

  /** The platform's base URL for `resource`; default from `configureNetpad()`. */
  @property() platform = '';

  /** Your app's client id on the platform, for `resource`; default from `configureNetpad()`. */
  @property({ attribute: 'client-id' }) clientId = '';

  /**
   * How a `resource` is shown: `inline` (in this page, with the page's client; vendors) or
   * `frame` (an iframe of the platform; blogs). Default from `configureNetpad()`, else `inline`.
   */
  @property({ reflect: true }) mode: NetpadMode | '' = '';

  /**
   * When to load: `lazy` (default) when the element comes within 200px of the viewport,
   * `eager` at once. Any other value counts as `lazy`, as for `<img>`.
   */
  @property({ reflect: true }) loading: 'lazy' | 'eager' = 'lazy';

  /**
   * When to make the figure live once loading may start: `auto` (default) by itself, or
   * `interaction` only after the reader clicks or presses Enter on the poster.
   */
  @property({ reflect: true }) reveal: 'auto' | 'interaction' = 'auto';

  /** URL of an image shown until the figure is live; for a `resource`, the platform's poster by default. */
  @property() poster = '';

  /** Accessible name of the figure; defaults to the document's title. */
  @property() alt = '';

  /** Width / height of the reserved space, e.g. `16/9` or `1.5`. Default `4 / 3`. */
  @property({ attribute: 'aspect-ratio', reflect: true }) aspectRatio = '';

  /** Where the element is: `idle` (waiting to load), `loading`, `ready`, `sign-in`, `purchase`, `expired` or `error`. */
  @state() status: NetpadEmbedStatus = 'idle';

  @state() private error: ErrorState | undefined;
  @state() private doc: FigureDocument | undefined;
  @state() private panel: Panel | undefined;
  @state() private panelBusy = false;
  @state() private panelMessage: { text: string; link?: string } | undefined;
  @state() private entitlement: Entitlement | undefined;
  @state() private editing = false;
  @state() private saving = false;
  @state() private saveMessage: { ok: boolean; text: string } | undefined;
  @state() private frameSrc = '';
  @state() private frameShown = false;
  @state() private frameTitle = '';
  /** Frame mode: the offer the reader chose, waiting for a confirmation that cannot be clickjacked. */
  @state() private confirming: Offer | undefined;
  /** What the reader just bought, shown over the figure it opened until dismissed. */
  @state() private receipt: { orderId: string; title: string; price: number; validUntil: string } | undefined;

  #handle: FigureHandle | undefined;
  readonly #fullscreen = new FullscreenController(this);
  #stopWatching: (() => void) | undefined;
  #abort: AbortController | undefined;
  #generation = 0;
  #activated = false;
  /** Kept across a disconnect, so a figure moved in the DOM comes back as the reader left it. */
  #savedState: FigureState | undefined;
  #connection: Connection | undefined;
  #frameOrigin = '';
  /** Frame mode: the last state the frame reported (getState / getValue read it). */
  #frameState: FigureState | undefined;
  #copy: { id: string; etag: string } | undefined;
  #titleDraft = '';
  #unsubscribe: (() => void)[] = [];

  /** The loaded figure document, once there is one (inline and `src` modes). */
  get figure(): FigureDocument | undefined {
    return this.doc;
  }

  /** `true` once the figure is live. */
  get loaded(): boolean {
    return this.status === 'ready';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
    this.#unsubscribe = [
      onNetpadConfig('session', () => {
        if (!this.resource || this.status === 'idle') return;
        // A live figure comes back as the reader left it (its rights may have grown: edit, save as).
        if (this.#handle) this.#savedState = this.#handle.getState();
        // A check in flight may have been answered for the reader before the sign-in: ask again.
        if (WAITING_FOR_RIGHTS.includes(this.status) || this.status === 'ready' || this.status === 'loading' || this.error?.kind === 'http') this.#restart();
      }),
      onNetpadConfig('config', () => {
        if (this.resource && this.status === 'error' && this.error?.kind === 'config') this.#restart();
      }),
    ];
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#onMessage);
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#stop();
    this.frameSrc = '';
    if (this.#handle) {
      this.#savedState = this.#handle.getState();
      this.#handle.destroy();
      this.#handle = undefined;
    }
    this.status = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reacting here rather than in updated() folds the restart into the current render.
    const source = ['src', 'resource', 'platform', 'clientId', 'mode'] as const;
    if (this.hasUpdated && source.some((k) => changed.has(k))) {
      this.#savedState = undefined;
      this.#restart();
    } else if (this.hasUpdated && changed.has('loading') && this.loading === 'eager' && this.status === 'idle') {
      this.#schedule();
    }
    if (changed.has('aspectRatio')) {
      if (this.aspectRatio && ASPECT_RATIO.test(this.aspectRatio)) this.style.setProperty('--netpad-aspect-ratio', this.aspectRatio);
      else this.style.removeProperty('--netpad-aspect-ratio');
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('status') && changed.get('status') !== undefined) this.#emit('netpad-status', { status: this.status });
  }

  /** Reloads the figure and redraws it (what the retry button does). */
  reload(): void {
    this.#restart();
  }

  /** A slider's value, a point's `[x, y]`, or a measure's value; `undefined` before the figure is live or for an unknown name. */
  getValue(name: string): number | [number, number] | undefined {
    if (this.#frameOrigin) {
      const value = this.#frameState?.[name];
      return typeof value === 'number' || Array.isArray(value) ? (value as number | [number, number]) : undefined;
    }
    return this.#handle?.getValue(name);
  }

  /** Sets a slider (number) or a free point / glider (`[x, y]`). Throws before `netpad-load`. */
  setValue(name: string, value: number | [number, number]): void {
    if (this.#frameOrigin) return this.#toFrame({ channel: CHANNEL, type: 'set-value', name, value });
    this.#live().setValue(name, value);
  }

  /** The figure's state: slider values and positions of free points, keyed by id. */
  getState(): FigureState | undefined {
    if (this.#frameOrigin) return this.#frameState;
    return this.#handle?.getState() ?? this.#savedState;
  }

  /** Applies a state (as from `getState()` or `netpad-change`). Throws before `netpad-load`. */
  setState(state: FigureState): void {
    if (this.#frameOrigin) return this.#toFrame({ channel: CHANNEL, type: 'set-state', state });
    this.#live().setState(state);
  }

  /** Returns the figure to its starting state. */
  reset(): void {
    if (this.#frameOrigin) return this.#toFrame({ channel: CHANNEL, type: 'reset' });
    this.#handle?.reset();
  }

  #live(): FigureHandle {
    if (!this.#handle) throw new Error('The figure is not live yet: wait for the netpad-load event.');
    return this.#handle;
  }

  #locale(): Locale {
    return resolveLocale(this);
  }

  #mode(): NetpadMode {
    const mode = this.mode || netpadConfig().mode;
    return mode === 'frame' ? 'frame' : 'inline';
  }

  #schedule(): void {
    this.#stop();
    if (this.status !== 'idle') return;
    const begin = () => {
      if (this.reveal === 'interaction' && !this.#activated) return;
      void this.#load();
    };
    if (this.loading === 'eager') begin();
    else this.#stopWatching = whenNearViewport(this, begin);
  }

  #stop(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#generation++;
  }

  #restart(): void {
    this.#stop();
    this.#handle?.destroy();
    this.#handle = undefined;
    this.doc = undefined;
    this.error = undefined;
    this.panel = undefined;
    this.panelBusy = false;
    this.panelMessage = undefined;
    this.entitlement = undefined;
    this.editing = false;
    this.saveMessage = undefined;
    this.frameSrc = '';
    this.frameShown = false;
    this.#frameOrigin = '';
    this.#frameState = undefined;
    this.#copy = undefined;
    this.status = 'idle';
    this.#schedule();
  }

  #activate(): void {
    this.#activated = true;
    if (this.status === 'idle') void this.#load();
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && this.isConnected;
    this.error = undefined;
    this.panel = undefined;
    this.panelMessage = undefined;
    this.entitlement = undefined;
    this.confirming = undefined;
    this.status = 'loading';
    // Events are never fired during connectedCallback: code that appends the element and then
    // adds listeners must still hear about the outcome.
    await this.updateComplete;
    if (!current()) return;
    const t = strings(this.#locale());

    if (this.resource) {
      if (this.#mode() === 'frame') this.#loadFrame(t);
      else await this.#loadResource(t, current);
      return;
    }
    if (!this.src) {
      this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingResource });
      return;
    }
    let url: string;
    try {
      url = new URL(this.src, this.ownerDocument.baseURI).href;
    } catch {
      this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingSrc });
      return;
    }

    let text: string;
    this.#abort = new AbortController();
    // The renderer downloads while the document does, not after it.
    loadRenderer().catch(() => undefined);
    try {
      const response = await fetch(url, { signal: this.#abort.signal, headers: { accept: 'application/json' } });
      if (!current()) return;
      if (!response.ok) {
        this.#fail({ kind: 'http', status: response.status, title: t.errorTitleFetch, message: t.httpStatus(response.status, url) });
        return;
      }
      text = await response.text();
    } catch (err) {
      if (!current()) return;
      if (err instanceof DOMException && err.name === 'AbortError') return;
      this.#fail({ kind: 'network', title: t.errorTitleNetwork, message: t.networkDetail(url) });
      return;
    }
    if (!current()) return;
    await this.#draw(text, t, current);
  }

  /** The platform's client for this element, or the configuration error in words. */
  #connect(t: Strings): Connection | ErrorState {
    try {
      return (this.#connection = connectionFor({ platform: this.platform, clientId: this.clientId }));
    } catch (err) {
      const message =
        errorNamed(err, 'ConfigurationError') && err.message === 'missing-platform'
          ? t.missingPlatform
          : errorNamed(err, 'ConfigurationError') && err.message === 'missing-client-id'
            ? t.missingClientId
            : t.badPlatform(this.platform || netpadConfig().platform || '');
      return { kind: 'config', title: t.errorTitleConfig, message };
    }
  }

  async #loadResource(t: Strings, current: () => boolean): Promise<void> {
    const connection = this.#connect(t);
    if (!('client' in connection)) return this.#fail(connection);
    this.#abort = new AbortController();
    let outcome;
    try {
      outcome = await resolveResource(connection, this.resource, this.#abort.signal);
    } catch (err) {
      if (!current() || (err instanceof DOMException && err.name === 'AbortError')) return;
      // A call with a token from a site the app did not register fails CORS, which looks like a
      // network failure: ask the platform (without a token, which any site may) which it is.
      if (errorNamed(err, 'NetworkError') && (await originRefused(connection))) {
        if (!current()) return;
        return this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.originNotRegistered(location.origin, connection.clientId), reader: t.notShownHere });
      }
      if (!current()) return;
      return this.#failFrom(err, t);
    }
    if (!current()) return;
    switch (outcome.kind) {
      case 'not-found':
        return this.#fail({ kind: 'not-found', title: t.notFoundTitle, message: t.notFound(this.resource) });
      case 'unavailable':
        return this.#fail({ kind: 'unavailable', title: t.errorTitleFetch, message: t.unavailable });
      case 'sign-in': {
        const proceed = this.#emit('netpad-auth-required', { resource: this.resource } satisfies NetpadAuthRequiredDetail, true);
        this.panel = { kind: 'sign-in', handledByPage: !proceed, offers: outcome.offers };
        this.status = 'sign-in';
        return;
      }
      case 'purchase':
        this.panel = { kind: 'purchase', offers: outcome.offers, wallet: outcome.wallet, expired: outcome.expired };
        this.status = outcome.expired ? 'expired' : 'purchase';
        return;
      case 'entitled':
        this.entitlement = outcome.result.entitlement;
        return this.#draw(outcome.result.document, t, current);
    }
  }

  /**
   * Validates (a document's text, or a parsed document from the platform) and draws. The
   * validator comes with the renderer chunk: the first script stays small.
   */
  async #draw(source: string | FigureDocument, t: Strings, current: () => boolean): Promise<void> {
    let document: FigureDocument;
    try {
      const renderer = await loadRenderer();
      if (!current()) return;
      const result = typeof source === 'string' ? renderer.parseFigure(source, { locale: this.#locale() }) : renderer.validateFigure(source, { locale: this.#locale() });
      if (!result.ok) {
        this.#fail({ kind: 'invalid', title: t.errorTitleInvalid, message: result.errors[0]?.message ?? '', errors: result.errors });
        return;
      }
      document = result.document;
      this.doc = document;
      await this.updateComplete;
      const container = this.renderRoot.querySelector<HTMLElement>('.board');
      if (!container || !current()) return;
      this.#handle = renderer.renderValidFigure(container, document, { locale: this.#locale(), state: this.#savedState });
    } catch (err) {
      if (!current()) return;
      const offline = err instanceof TypeError && /fetch|import|module/i.test(err.message);
      this.#fail({
        kind: offline ? 'network' : 'render',
        title: offline ? t.errorTitleNetwork : t.errorTitleRender,
        message: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    this.#savedState = undefined;
    this.#handle.onChange(({ state }) => this.#emit('netpad-change', { state } satisfies NetpadChangeDetail));
    this.status = 'ready';
    this.#emit('netpad-load', { document, title: pickText(document.title, this.#locale()) } satisfies NetpadLoadDetail);
  }

  #failFrom(err: unknown, t: Strings): void {
    if (errorNamed(err, 'NetworkError')) return this.#fail({ kind: 'network', title: t.errorTitleNetwork, message: t.networkDetail(this.#connection?.platform ?? '') });
    if (errorNamed(err, 'SignInRequiredError')) return this.#fail({ kind: 'http', status: 401, title: t.errorTitleAuth, message: t.signInFailed });
    const status = (err as Partial<NetpadError> | undefined)?.status;
    if (err instanceof Error && typeof status === 'number') {
      return this.#fail({ kind: 'http', status, title: t.errorTitleFetch, message: status >= 500 ? t.serverError(status) : err.message });
    }
    this.#fail({ kind: 'render', title: t.errorTitleFetch, message: err instanceof Error ? err.message : String(err) });
  }

  // ---- frame mode -------------------------------------------------------------------------

  #loadFrame(t: Strings): void {
    const config = netpadConfig();
    const clientId = this.clientId || config.clientId || '';
    const raw = this.platform || config.platform || '';
    if (!raw) return this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingPlatform });
    if (!clientId) return this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingClientId });
    let origin: string;
    try {
      origin = platformOrigin(raw);
    } catch {
      return this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.badPlatform(raw) });
    }
    const url = new URL(`/embed/${encodeURIComponent(this.resource)}`, origin);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('lang', this.#locale());
    url.searchParams.set('parent_origin', location.origin);
    this.#frameOrigin = origin;
    this.frameShown = false;
    this.frameSrc = url.href;
  }

  #onMessage = (event: MessageEvent): void => {
    const frame = this.renderRoot?.querySelector<HTMLIFrameElement>('iframe.frame');
    // Only our own frame, from the platform's origin: other frames and windows can post here too.
    if (!frame || !this.#frameOrigin || event.source !== frame.contentWindow || event.origin !== this.#frameOrigin) return;
    const message = readFromFrame(event.data);
    if (!message) return;
    switch (message.type) {
      case 'hello':
        this.frameShown = true;
        if (this.error?.kind === 'frame-refused') {
          this.error = undefined;
          this.status = 'loading';
        }
        return;
      case 'status':
        if (message.status !== 'error') this.status = message.status;
        return;
      case 'load':
        this.frameTitle = message.title;
        this.status = 'ready';
        this.#emit('netpad-load', { title: message.title } satisfies NetpadLoadDetail);
        return;
      case 'change':
        this.#frameState = message.state;
        this.#emit('netpad-change', { state: message.state } satisfies NetpadChangeDetail);
        return;
      case 'error':
        // The frame shows the error itself; the host page hears about it.
        this.status = 'error';
        this.#emit('netpad-error', { kind: message.kind as NetpadErrorKind, message: message.message, status: message.status } satisfies NetpadErrorDetail);
        return;
      case 'auth-required':
        this.#emit('netpad-auth-required', { resource: this.resource } satisfies NetpadAuthRequiredDetail);
        return;
      case 'resize':
        return;
    }
  };

  #onFrameLoad = (): void => {
    // A frame whose page never said hello was refused (frame-ancestors) or is not the platform's.
    if (this.frameShown || !this.frameSrc) return;
    const t = strings(this.#locale());
    this.#fail({ kind: 'frame-refused', title: t.errorTitleConfig, message: t.frameRefused(location.origin), reader: t.notShownHere });
  };

  #toFrame(message: ToFrame): void {
    const frame = this.renderRoot?.querySelector<HTMLIFrameElement>('iframe.frame');
    if (!frame?.contentWindow || !this.frameShown) throw new Error('The figure is not live yet: wait for the netpad-load event.');
    frame.contentWindow.postMessage(message, this.#frameOrigin);
  }

  // ---- actions ---------------------------------------------------------------------------

  #signIn = (): void => {
    const session = this.#connection?.session;
    if (!session) return;
    const t = strings(this.#locale());
    this.panelBusy = true;
    this.panelMessage = undefined;
    // Straight from the click: the popup must open inside the user gesture.
    session.signInPopup().then(
      () => {
        this.panelBusy = false;
        notifySessionChange();
      },
      (err: unknown) => {
        this.panelBusy = false;
        const name = err instanceof Error ? err.name : '';
        if (name === 'PopupBlockedError') this.panelMessage = { text: t.popupBlocked, link: this.#figurePage() };
        else if (name === 'PopupClosedError') this.panelMessage = { text: t.popupClosed };
        else {
          this.panelMessage = { text: t.signInFailed };
          console.warn('Netpad: sign-in failed', err);
        }
      },
    );
  };

  /**
   * Inside a frame a one-click purchase could be clickjacked (the frame laid invisibly under a
   * decoy on a registered site): there the reader confirms in a second step, whose button
   * appears elsewhere and names the price and the figure.
   */
  /** Every purchase has a second step naming what, for how much, until when, and what is left. */
  #askToBuy(offer: Offer): void {
    this.panelMessage = undefined;
    this.confirming = offer;
  }

  async #buy(offer: Offer): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    const t = strings(this.#locale());
    this.panelBusy = true;
    this.panelMessage = undefined;
    let order: Order;
    try {
      order = await buy(connection, offer.id, new AbortController().signal);
    } catch (err) {
      this.panelBusy = false;
      this.panelMessage = { text: errorNamed(err, 'InsufficientFundsError') ? t.insufficientFunds : t.purchaseFailed };
      return;
    }
    this.panelBusy = false;
    this.confirming = undefined;
    const from = order.paidAt ? Date.parse(order.paidAt) : Date.now();
    this.receipt = { orderId: order.id, title: offer.title[this.#locale()], price: order.price, validUntil: new Date(from + offer.periodDays * 86_400_000).toISOString() };
    // Other figures covered by the same purchase (a whole stage) update too.
    notifySessionChange();
  }

  #figurePage(): string | undefined {
    const platform = this.#connection?.platform ?? this.#frameOrigin;
    return platform ? new URL(`/figures/${encodeURIComponent(this.resource)}`, platform).href : undefined;
  }

  #toggleEditor = (): void => {
    this.editing = !this.editing;
    this.saveMessage = undefined;
    if (this.editing && !this.#titleDraft && this.doc) this.#titleDraft = strings(this.#locale()).copyOf(pickText(this.doc.title, this.#locale()));
  };

  async #save(): Promise<void> {
    const connection = this.#connection;
    const doc = this.doc;
    if (!connection || !doc || !this.#handle) return;
    const t = strings(this.#locale());
    // The edits live in the board until a save succeeds: a failure loses nothing.
    const edited: FigureDocument = { ...doc, title: this.#titleDraft.trim() || doc.title, state: this.#handle.getState() };
    this.saving = true;
    this.saveMessage = undefined;
    try {
      if (!this.#copy) {
        const copy = await connection.client.space.saveAs(this.resource);
        this.#copy = { id: copy.id, etag: copy.etag };
      }
      const saved = await connection.client.space.update(this.#copy.id, edited, this.#copy.etag);
      this.#copy.etag = saved.etag;
      this.saveMessage = { ok: true, text: t.saved };
    } catch (err) {
      const why =
        errorNamed(err, 'ConflictError')
          ? t.saveConflict
          : errorNamed(err, 'NetworkError')
            ? t.saveOffline
            : errorNamed(err, 'SignInRequiredError')
              ? t.saveSignIn
              : errorNamed(err, 'InsufficientEntitlementError') || errorNamed(err, 'ForbiddenError')
                ? t.saveNotAllowed
                : err instanceof Error
                  ? err.message
                  : String(err);
      this.saveMessage = { ok: false, text: t.saveFailed(why) };
    } finally {
      this.saving = false;
    }
  }

  #fail(error: ErrorState): void {
    this.error = error;
    this.status = 'error';
    // The page's developer reads the console; readers only see the neutral line.
    if (error.reader) console.error(`<netpad-embed resource="${this.resource}">: ${error.message}`);
    const { title: _title, reader: _reader, ...detail } = error;
    this.#emit('netpad-error', detail satisfies NetpadErrorDetail);
  }

  /** Fires a composed event; returns false when a listener cancelled it. */
  #emit(type: string, detail: unknown, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  // ---- rendering -------------------------------------------------------------------------

  #posterUrl(): string {
    if (this.poster) return this.poster;
    if (!this.resource) return '';
    const platform = this.#connection?.platform || this.#frameOrigin;
    if (platform) return new URL(`/v1/figures/${encodeURIComponent(this.resource)}/poster.svg`, platform).href;
    try {
      const raw = this.platform || netpadConfig().platform || netpadConfig().client?.platform || '';
      return raw ? new URL(`/v1/figures/${encodeURIComponent(this.resource)}/poster.svg`, platformOrigin(raw)).href : '';
    } catch {
      return '';
    }
  }

  protected override render() {
    const locale = this.#locale();
    const t = strings(locale);
    const title = this.doc ? pickText(this.doc.title, locale) : this.frameTitle;
    const name = this.alt || title || t.figureLabel;
    const poster = this.#posterUrl();
    const waitingForClick = this.status === 'idle' && this.reveal === 'interaction' && !this.#activated;
    const networkBanner = this.status === 'error' && (this.error?.kind === 'network' || !!this.error?.reader) && poster;
    const showPoster = poster && this.status !== 'ready' && !this.frameShown && (this.status !== 'error' || networkBanner);
    return html`
      <div part="base" class="base ${this.status === 'ready' && !this.frameSrc ? 'tools' : ''}" role="figure" aria-label=${name} aria-busy=${this.status === 'loading' ? 'true' : 'false'} lang=${locale}>
        <div part="board" class="board" ?hidden=${this.status === 'error' || !!this.frameSrc}></div>
        ${showPoster ? html`<img part="poster" class="poster" src=${poster} alt="" draggable="false" decoding="async" loading="lazy" />` : nothing}
        ${this.frameSrc
          ? html`<iframe
              part="frame"
              class="frame ${this.frameShown ? '' : 'pending'}"
              src=${this.frameSrc}
              title=${name}
              allow="fullscreen"
              referrerpolicy="origin"
              @load=${this.#onFrameLoad}
            ></iframe>`
          : nothing}
        ${this.status === 'loading' && !this.frameShown ? this.#renderLoading(t, !!poster) : nothing}
        ${waitingForClick
          ? html`<button class="activate" aria-label=${t.activate} @click=${this.#activate}>${poster ? nothing : html`<span class="status">${t.activate}</span>`}</button>`
          : nothing}
        ${this.panel && !this.frameSrc ? this.#renderPanel(this.panel, t, locale) : nothing}
        ${this.receipt && this.status === 'ready' ? this.#renderReceipt(t, locale) : nothing}
        ${this.status === 'ready' && !this.frameSrc ? this.#renderToolbar(t) : nothing}
        ${this.editing && this.status === 'ready' ? this.#renderEditor(t) : nothing}
        ${this.status === 'error' && this.error ? this.#renderError(this.error, t, !!networkBanner) : nothing}
      </div>
    `;
  }

  #renderLoading(t: Strings, withPoster: boolean) {
    return withPoster
      ? html`<div part="status" class="status" role="status" style="justify-content:flex-end">${t.loading}</div>`
      : html`<div part="status" class="status" role="status"><div class="spinner" aria-hidden="true"></div>${t.loading}</div>`;
  }

  #renderPanel(panel: Panel, t: Strings, locale: Locale) {
    const message = this.panelMessage
      ? html`<p class="problem" role="alert">
          ${this.panelMessage.text}
          ${this.panelMessage.link ? html` <a href=${this.panelMessage.link} target="_blank" rel="noopener">${t.openOnNetpad}</a>` : nothing}
        </p>`
      : nothing;
    const elsewhere = netpadConfig().elsewhere;
    if (panel.kind === 'sign-in' && elsewhere && !panel.handledByPage) return this.#renderElsewhere(elsewhere, t);
    if (panel.kind === 'sign-in') {
      return html`<div part="panel" class="panel" role="group" aria-labelledby="panel-title">
        <h2 id="panel-title">${t.signInTitle}</h2>
        <p>${panel.handledByPage || !this.#connection?.session ? t.signInElsewhere : t.signInLead}</p>
        ${panel.offers.length
          ? html`<ul part="prices">
              ${panel.offers.map((offer) => html`<li><span>${t.offer(offer.title[locale], offer.periodDays)}</span><strong>${t.price(offer.price)}</strong></li>`)}
            </ul>`
          : nothing}
        ${panel.handledByPage || !this.#connection?.session
          ? nothing
          : html`<button part="sign-in-button" class="primary" ?disabled=${this.panelBusy} @click=${this.#signIn}>
              ${this.panelBusy ? t.signingIn : t.signInButton}
            </button>`}
        ${message}
      </div>`;
    }
    const canBuy = netpadConfig().purchase !== false;
    const date = panel.expired ? new Date(panel.expired).toLocaleDateString(locale) : '';
    return html`<div part="panel" class="panel" role="group" aria-labelledby="panel-title">
      <h2 id="panel-title">${panel.expired ? t.expiredTitle : t.purchaseTitle}</h2>
      <p>${panel.expired ? t.expiredLead(date) : panel.offers.length ? t.purchaseLead : t.noOffers}</p>
      ${panel.offers.length
        ? html`<ul>
            ${panel.offers.map(
              (offer) => html`<li>
                <span>${t.offer(offer.title[locale], offer.periodDays)}</span>
                ${canBuy && panel.wallet && panel.wallet.balance < offer.price
                  ? html`<span class="short"
                      ><button part="buy-button" class="primary" disabled aria-describedby="short-${offer.id}">${t.buy(offer.price)}</button>
                      <small id="short-${offer.id}">${t.shortfall(offer.price - panel.wallet.balance)}</small></span
                    >`
                  : canBuy
                  ? html`<button part="buy-button" class="primary" ?disabled=${this.panelBusy || !!this.confirming} @click=${() => this.#askToBuy(offer)}>
                      ${this.panelBusy ? t.buying : t.buy(offer.price)}
                    </button>`
                  : html`<a class="primary" href=${this.#figurePage() ?? '#'} target="_blank" rel="noopener">${t.openOnNetpad}</a>`}
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.confirming ? this.#renderConfirm(this.confirming, t, locale, panel.wallet) : nothing}
      ${panel.wallet && canBuy ? html`<p class="note">${t.balance(panel.wallet.balance)}</p>` : nothing}
      ${message}
    </div>`;
  }

  /** The way out of a frame that can open no window: the address to copy, a QR code, a link. */
  #renderElsewhere(elsewhere: { url: string; qr: string; open?: () => void }, t: Strings) {
    const copy = async (event: Event) => {
      const input = (event.currentTarget as HTMLElement).parentElement!.querySelector('input')!;
      input.select();
      let copied = false;
      try {
        await navigator.clipboard.writeText(elsewhere.url);
        copied = true;
      } catch {
        // Sandboxed frames are often refused the clipboard: the address stays selected instead.
        copied = document.execCommand?.('copy') ?? false;
      }
      this.panelMessage = { text: copied ? t.copied : t.copyByHand };
    };
    return html`<div part="panel" class="panel elsewhere" role="group" aria-labelledby="panel-title">
      <h2 id="panel-title">${t.elsewhereTitle}</h2>
      <p>${t.elsewhereLead}</p>
      <div class="share">
        <input part="share-link" readonly .value=${elsewhere.url} aria-label=${t.figureAddress} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button part="copy-button" class="primary" @click=${copy}>${t.copyLink}</button>
      </div>
      <img part="share-qr" src=${elsewhere.qr} alt=${t.qrAlt} width="132" height="132" />
      ${elsewhere.open ? html`<button part="open-button" class="retry" @click=${() => elsewhere.open!()}>${t.openOnNetpad}</button>` : nothing}
      ${this.panelMessage ? html`<p class="note" role="status">${this.panelMessage.text}</p>` : nothing}
    </div>`;
  }

  #renderConfirm(offer: Offer, t: Strings, locale: Locale, wallet: Wallet | undefined) {
    const until = new Date(Date.now() + offer.periodDays * 86_400_000).toLocaleDateString(locale);
    return html`<div class="confirm" role="group" aria-label=${t.confirmTitle}>
      <p>${t.confirmLead(offer.price, offer.title[locale])}</p>
      <p class="note">${t.confirmValidity(until)}${wallet ? ` ${t.balanceAfter(wallet.balance - offer.price)}` : ''}</p>
      <button part="confirm-button" class="primary" ?disabled=${this.panelBusy} @click=${() => void this.#buy(offer)}>
        ${this.panelBusy ? t.buying : t.confirmPay}
      </button>
      <button class="retry" @click=${() => (this.confirming = undefined)}>${t.cancel}</button>
    </div>`;
  }

  #renderReceipt(t: Strings, locale: Locale) {
    const r = this.receipt!;
    return html`<div part="receipt" class="receipt" role="status">
      <strong>${t.receiptTitle}</strong>
      <span>${t.receipt(r.title, r.price, new Date(r.validUntil).toLocaleDateString(locale), r.orderId)}</span>
      <button class="retry" aria-label=${t.dismiss} @click=${() => (this.receipt = undefined)}>×</button>
    </div>`;
  }

  #renderToolbar(t: Strings) {
    const actions = this.entitlement?.actions ?? [];
    const signedIn = this.#connection?.session?.signedIn ?? false;
    const canEdit = this.resource && actions.includes('edit');
    const canSave = this.resource && actions.includes('save_as') && signedIn;
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${t.toolbar}>
      <button @click=${() => this.reset()}>${t.reset}</button>
      <button @click=${this.#fullscreen.toggle} aria-pressed=${this.#fullscreen.active ? 'true' : 'false'}>${this.#fullscreen.active ? t.exitFullscreen : t.fullscreen}</button>
      ${canEdit || canSave
        ? html`<button @click=${this.#toggleEditor} aria-pressed=${this.editing ? 'true' : 'false'}>${canEdit ? t.edit : t.saveAs}</button>`
        : nothing}
    </div>`;
  }

  #renderEditor(t: Strings) {
    const canSave = (this.entitlement?.actions ?? []).includes('save_as') && (this.#connection?.session?.signedIn ?? false);
    return html`<div part="editor" class="editor">
      <label for="copy-title">${t.saveTitleLabel}</label>
      <input
        id="copy-title"
        maxlength="200"
        .value=${this.#titleDraft}
        @input=${(e: Event) => (this.#titleDraft = (e.target as HTMLInputElement).value)}
      />
      ${canSave
        ? html`<button class="primary" ?disabled=${this.saving} @click=${() => void this.#save()}>${this.saving ? t.saving : t.save}</button>`
        : nothing}
      <button class="retry" @click=${this.#toggleEditor}>${t.doneEditing}</button>
      ${this.saveMessage ? html`<p role="status" class=${this.saveMessage.ok ? 'note' : 'problem'}>${this.saveMessage.text}</p>` : nothing}
    </div>`;
  }

  #renderError(error: ErrorState, t: Strings, banner: boolean) {
    if (error.reader) return html`<div part="error" class="error ${banner ? 'banner' : ''}" role="status"><p>${error.reader}</p></div>`;
    const listed = error.errors?.slice(0, MAX_LISTED_ERRORS) ?? [];
    const more = (error.errors?.length ?? 0) - listed.length;
    const retry = !['config', 'not-found', 'unavailable', 'invalid'].includes(error.kind) || (error.kind === 'invalid' && !this.resource);
    return html`
      <div part="error" class="error ${banner ? 'banner' : ''}" role="alert">
        <h2>${error.title}</h2>
        ${listed.length
          ? html`<ul>
              ${listed.map((e) => html`<li><code>${e.path}</code> ${e.message}</li>`)}
              ${more > 0 ? html`<li>${t.moreErrors(more)}</li>` : nothing}
            </ul>`
          : html`<p>${error.message}</p>`}
        ${retry ? html`<button part="retry-button" class="retry" @click=${() => this.reload()}>${t.retry}</button>` : nothing}
      </div>
    `;
  }
}
