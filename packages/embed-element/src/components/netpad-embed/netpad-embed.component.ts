import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FigureDocument, FigureState, Locale } from '@netpad/figure';
import { pickText } from '@netpad/figure/localize';
import type { FigureHandle } from '@netpad/figure/render';
import { netpadConfig, onNetpadConfig, type NetpadMode } from '../../config';
import { CopyEditorController, mayEdit } from '../../controllers/copy-editor';
import { FigureSourceController } from '../../controllers/figure-source';
import { FrameModeController } from '../../controllers/frame-mode';
import { FullscreenController } from '../../controllers/fullscreen';
import { RightsController } from '../../controllers/rights';
import { ViewportLoadingController } from '../../controllers/viewport-loading';
import { CHANNEL } from '../../frame/protocol';
import { resolveLocale, strings, type Strings } from '../../internal/i18n';
import { loadRenderer } from '../../internal/load-renderer';
import { platformOrigin } from '../../internal/platform-client';
import type { EmbedPort, ErrorState, NetpadEmbedStatus, NetpadErrorDetail } from './netpad-embed.types';
import styles from './netpad-embed.styles';

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

  // One controller per concern (as model-viewer has one mixin per feature); the element wires
  // them together and draws the frame they share.
  readonly #port: EmbedPort = {
    locale: () => this.#locale(),
    fail: (error) => this.#fail(error),
    emit: (type, detail, cancelable) => this.#emit(type, detail, cancelable),
  };
  readonly #loading = new ViewportLoadingController(this, () => void this.#load());
  readonly #rights: RightsController = new RightsController(this, this.#port, {
    connection: () => this.#figure.connection,
    figurePage: () => this.#figurePage(),
  });
  readonly #copyEditor: CopyEditorController = new CopyEditorController(this, this.#port, {
    connection: () => this.#figure.connection,
    entitlement: () => this.#figure.entitlement,
    doc: () => this.#figure.doc,
    handle: () => this.#figure.handle,
  });
  readonly #figure: FigureSourceController = new FigureSourceController(this, this.#port, {
    needsRights: (outcome, current) => this.#rights.show(outcome, current),
    entitled: (entitlement) => this.#copyEditor.prepare(entitlement),
  });
  readonly #frame = new FrameModeController(this, this.#port, () => {
    if (this.error?.kind !== 'frame-refused') return;
    this.error = undefined;
    this.status = 'loading';
  });
  readonly #fullscreen = new FullscreenController(this);
  #unsubscribe: (() => void)[] = [];

  /** The loaded figure document, once there is one (inline and `src` modes). */
  get figure(): FigureDocument | undefined {
    return this.#figure.doc;
  }

  /** `true` once the figure is live. */
  get loaded(): boolean {
    return this.status === 'ready';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = [
      onNetpadConfig('session', () => {
        if (!this.resource || this.status === 'idle') return;
        // A live figure comes back as the reader left it (its rights may have grown: edit, save as).
        this.#figure.keepState();
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
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.status = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reacting here rather than in updated() folds the restart into the current render.
    const source = ['src', 'resource', 'platform', 'clientId', 'mode'] as const;
    if (this.hasUpdated && source.some((k) => changed.has(k))) {
      this.#figure.savedState = undefined;
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
    if (this.#frame.origin) {
      const value = this.#frame.state?.[name];
      return typeof value === 'number' || Array.isArray(value) ? (value as number | [number, number]) : undefined;
    }
    return this.#figure.handle?.getValue(name);
  }

  /** Sets a slider (number) or a free point / glider (`[x, y]`). Throws before `netpad-load`. */
  setValue(name: string, value: number | [number, number]): void {
    if (this.#frame.origin) return this.#frame.send({ channel: CHANNEL, type: 'set-value', name, value });
    this.#live().setValue(name, value);
  }

  /** The figure's state: slider values and positions of free points, keyed by id. */
  getState(): FigureState | undefined {
    if (this.#frame.origin) return this.#frame.state;
    return this.#figure.handle?.getState() ?? this.#figure.savedState;
  }

  /** Applies a state (as from `getState()` or `netpad-change`). Throws before `netpad-load`. */
  setState(state: FigureState): void {
    if (this.#frame.origin) return this.#frame.send({ channel: CHANNEL, type: 'set-state', state });
    this.#live().setState(state);
  }

  /** Returns the figure to its starting state. */
  reset(): void {
    if (this.#frame.origin) return this.#frame.send({ channel: CHANNEL, type: 'reset' });
    this.#figure.handle?.reset();
  }

  #live(): FigureHandle {
    const handle = this.#figure.handle;
    if (!handle) throw new Error('The figure is not live yet: wait for the netpad-load event.');
    return handle;
  }

  #locale(): Locale {
    return resolveLocale(this);
  }

  #mode(): NetpadMode {
    const mode = this.mode || netpadConfig().mode;
    return mode === 'frame' ? 'frame' : 'inline';
  }

  #schedule(): void {
    this.#figure.stop();
    if (this.status === 'idle') this.#loading.schedule();
    else this.#loading.stop();
  }

  #restart(): void {
    this.#loading.stop();
    this.#figure.stop();
    this.#figure.clear();
    this.error = undefined;
    this.#rights.clear();
    this.#copyEditor.clear();
    this.#frame.close();
    this.status = 'idle';
    this.#schedule();
  }

  #activate(): void {
    this.#loading.activate();
    if (this.status === 'idle') void this.#load();
  }

  async #load(): Promise<void> {
    const current = this.#figure.begin();
    // A document at a URL always needs the renderer: its download starts now, before the first render.
    if (this.src && !this.resource) loadRenderer().catch(() => undefined);
    this.error = undefined;
    this.#rights.clear();
    this.status = 'loading';
    // Events are never fired during connectedCallback: code that appends the element and then
    // adds listeners must still hear about the outcome.
    await this.updateComplete;
    if (!current()) return;
    const t = strings(this.#locale());
    if (this.resource && this.#mode() === 'frame') return this.#frame.open(t);
    await this.#figure.load(t, current);
  }

  #figurePage(): string | undefined {
    const platform = this.#figure.connection?.platform ?? this.#frame.origin;
    return platform ? new URL(`/figures/${encodeURIComponent(this.resource)}`, platform).href : undefined;
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
    const platform = this.#figure.connection?.platform || this.#frame.origin;
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
    const doc = this.#figure.doc;
    const frame = this.#frame;
    const title = doc ? pickText(doc.title, locale) : frame.title;
    const name = this.alt || title || t.figureLabel;
    const poster = this.#posterUrl();
    const ready = this.status === 'ready';
    const waitingForClick = this.status === 'idle' && this.#loading.waitingForClick;
    const networkBanner = this.status === 'error' && (this.error?.kind === 'network' || !!this.error?.reader) && poster;
    const showPoster = poster && !ready && !frame.shown && (this.status !== 'error' || networkBanner);
    return html`
      <div part="base" class="base ${ready && !frame.src ? 'tools' : ''}" role="figure" aria-label=${name} aria-busy=${this.status === 'loading' ? 'true' : 'false'} lang=${locale}>
        <div part="board" class="board" ?hidden=${this.status === 'error' || !!frame.src}></div>
        ${showPoster ? html`<img part="poster" class="poster" src=${poster} alt="" draggable="false" decoding="async" loading="lazy" />` : nothing}
        ${frame.src
          ? html`<iframe
              part="frame"
              class="frame ${frame.shown ? '' : 'pending'}"
              src=${frame.src}
              title=${name}
              allow="fullscreen"
              referrerpolicy="origin"
              @load=${() => frame.onLoad(t)}
            ></iframe>`
          : nothing}
        ${this.status === 'loading' && !frame.shown ? this.#renderLoading(t, !!poster) : nothing}
        ${waitingForClick
          ? html`<button class="activate" aria-label=${t.activate} @click=${this.#activate}>${poster ? nothing : html`<span class="status">${t.activate}</span>`}</button>`
          : nothing}
        ${frame.src ? nothing : (this.#rights.renderPanel(t, locale) ?? nothing)}
        ${ready ? (this.#rights.renderReceipt(t, locale) ?? nothing) : nothing}
        ${ready && !frame.src ? this.#renderToolbar(t) : nothing}
        ${ready ? (this.#copyEditor.render(t) ?? nothing) : nothing}
        ${this.status === 'error' && this.error ? this.#renderError(this.error, t, !!networkBanner) : nothing}
      </div>
    `;
  }

  #renderLoading(t: Strings, withPoster: boolean) {
    return withPoster
      ? html`<div part="status" class="status" role="status" style="justify-content:flex-end">${t.loading}</div>`
      : html`<div part="status" class="status" role="status"><div class="spinner" aria-hidden="true"></div>${t.loading}</div>`;
  }

  #renderToolbar(t: Strings) {
    const { entitlement } = this.#figure;
    const canEdit = this.resource && entitlement?.actions.includes('edit');
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${t.toolbar}>
      <button @click=${() => this.reset()}>${t.reset}</button>
      <button @click=${this.#fullscreen.toggle} aria-pressed=${this.#fullscreen.active ? 'true' : 'false'}>${this.#fullscreen.active ? t.exitFullscreen : t.fullscreen}</button>
      ${this.resource && this.#mayOpenEditor()
        ? html`<button @click=${this.#copyEditor.toggle} aria-pressed=${this.#copyEditor.editing ? 'true' : 'false'}>${canEdit ? t.edit : t.saveAs}</button>`
        : nothing}
    </div>`;
  }

  /** Edit, or Save as for a signed-in reader. */
  #mayOpenEditor(): boolean {
    const { entitlement, connection } = this.#figure;
    if (!mayEdit(entitlement)) return false;
    return entitlement!.actions.includes('edit') || (connection?.session?.signedIn ?? false);
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
