import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseFigure, pickText, type FigureDocument, type FigureState, type FigureValidationError, type Locale } from '@netpad/figure';
import type { FigureHandle } from '@netpad/figure/render';
import { resolveLocale, strings } from '../../internal/i18n';
import { loadRenderer } from '../../internal/load-renderer';
import { whenNearViewport } from '../../internal/near-viewport';
import styles from './netpad-embed.styles';

export type NetpadEmbedStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What went wrong, for `netpad-error` listeners and for the error panel. */
export type NetpadErrorKind = 'config' | 'http' | 'network' | 'invalid' | 'render';

export interface NetpadLoadDetail {
  readonly document: FigureDocument;
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

interface ErrorState extends NetpadErrorDetail {
  readonly title: string;
}

const MAX_LISTED_ERRORS = 8;
const ASPECT_RATIO = /^\s*\d+(\.\d+)?\s*(\/\s*\d+(\.\d+)?\s*)?$/;

/**
 * An interactive dynamic-math figure. Reserves its space at once, shows its poster, and loads
 * the figure and the renderer only when it comes near the viewport (or at once, or on click).
 *
 * @summary Shows a Netpad figure document as a live, draggable JSXGraph board.
 *
 * @event {CustomEvent<NetpadLoadDetail>} netpad-load - The figure is drawn and interactive.
 * @event {CustomEvent<NetpadChangeDetail>} netpad-change - The reader changed the figure (a slider, a point); `detail.state` is the new state.
 * @event {CustomEvent<NetpadErrorDetail>} netpad-error - The figure could not be shown; the element shows why, with a retry.
 *
 * @csspart base - The frame around everything.
 * @csspart board - The container of the live board.
 * @csspart poster - The poster image shown before the figure is live.
 * @csspart status - The loading message.
 * @csspart error - The error panel.
 * @csspart retry-button - The error panel's retry button.
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

  /** URL of a figure document (JSON, format version 1). Relative URLs resolve against the page. */
  @property({ reflect: true }) src = '';

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

  /** URL of an image shown until the figure is live (for example the platform's SVG poster). */
  @property() poster = '';

  /** Accessible name of the figure; defaults to the document's title. */
  @property() alt = '';

  /** Width / height of the reserved space, e.g. `16/9` or `1.5`. Default `4 / 3`. */
  @property({ attribute: 'aspect-ratio', reflect: true }) aspectRatio = '';

  /** Where the element is: `idle` (waiting to load), `loading`, `ready` or `error`. */
  @state() status: NetpadEmbedStatus = 'idle';

  @state() private error: ErrorState | undefined;
  @state() private doc: FigureDocument | undefined;

  #handle: FigureHandle | undefined;
  #stopWatching: (() => void) | undefined;
  #abort: AbortController | undefined;
  #generation = 0;
  #activated = false;
  /** Kept across a disconnect, so a figure moved in the DOM comes back as the reader left it. */
  #savedState: FigureState | undefined;

  /** The loaded figure document, once there is one. */
  get figure(): FigureDocument | undefined {
    return this.doc;
  }

  /** `true` once the figure is live. */
  get loaded(): boolean {
    return this.status === 'ready';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
    if (this.#handle) {
      this.#savedState = this.#handle.getState();
      this.#handle.destroy();
      this.#handle = undefined;
      this.status = 'idle';
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reacting here rather than in updated() folds the restart into the current render.
    if (this.hasUpdated && changed.has('src')) {
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

  /** Reloads the document and redraws the figure (what the retry button does). */
  reload(): void {
    this.#restart();
  }

  /** A slider's value, a point's `[x, y]`, or a measure's value; `undefined` before the figure is live or for an unknown name. */
  getValue(name: string): number | [number, number] | undefined {
    return this.#handle?.getValue(name);
  }

  /** Sets a slider (number) or a free point / glider (`[x, y]`). Throws before `netpad-load`. */
  setValue(name: string, value: number | [number, number]): void {
    this.#live().setValue(name, value);
  }

  /** The figure's state: slider values and positions of free points, keyed by id. */
  getState(): FigureState | undefined {
    return this.#handle?.getState() ?? this.#savedState;
  }

  /** Applies a state (as from `getState()` or `netpad-change`). Throws before `netpad-load`. */
  setState(state: FigureState): void {
    this.#live().setState(state);
  }

  /** Returns the figure to its starting state. */
  reset(): void {
    this.#handle?.reset();
  }

  #live(): FigureHandle {
    if (!this.#handle) throw new Error('The figure is not live yet: wait for the netpad-load event.');
    return this.#handle;
  }

  #locale(): Locale {
    return resolveLocale(this);
  }

  #schedule(): void {
    this.#stop();
    if (this.status === 'ready' || this.status === 'loading') return;
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
    this.status = 'loading';
    // Events are never fired during connectedCallback: code that appends the element and then
    // adds listeners must still hear about the outcome.
    await this.updateComplete;
    if (!current()) return;
    const t = strings(this.#locale());

    if (!this.src) {
      this.#fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingSrc });
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

    const result = parseFigure(text, { locale: this.#locale() });
    if (!result.ok) {
      this.#fail({ kind: 'invalid', title: t.errorTitleInvalid, message: result.errors[0]?.message ?? '', errors: result.errors });
      return;
    }
    this.doc = result.document;

    try {
      const renderer = await loadRenderer();
      if (!current()) return;
      await this.updateComplete;
      const container = this.renderRoot.querySelector<HTMLElement>('.board');
      if (!container || !current()) return;
      this.#handle = renderer.renderValidFigure(container, result.document, { locale: this.#locale(), state: this.#savedState });
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
    this.#emit('netpad-load', { document: result.document } satisfies NetpadLoadDetail);
  }

  #fail(error: ErrorState): void {
    this.error = error;
    this.status = 'error';
    const { title: _title, ...detail } = error;
    this.#emit('netpad-error', detail satisfies NetpadErrorDetail);
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const locale = this.#locale();
    const t = strings(locale);
    const title = this.doc ? pickText(this.doc.title, locale) : '';
    const name = this.alt || title || t.figureLabel;
    const waitingForClick = this.status === 'idle' && this.reveal === 'interaction' && !this.#activated;
    return html`
      <div part="base" class="base" role="figure" aria-label=${name} aria-busy=${this.status === 'loading' ? 'true' : 'false'} lang=${locale}>
        <div part="board" class="board" ?hidden=${this.status === 'error'}></div>
        ${this.status !== 'ready' && this.status !== 'error' && this.poster
          ? html`<img part="poster" class="poster" src=${this.poster} alt="" draggable="false" />`
          : nothing}
        ${this.status === 'loading' && !this.poster
          ? html`<div part="status" class="status" role="status"><div class="spinner" aria-hidden="true"></div>${t.loading}</div>`
          : nothing}
        ${this.status === 'loading' && this.poster ? html`<div part="status" class="status" role="status" style="justify-content:flex-end">${t.loading}</div>` : nothing}
        ${waitingForClick
          ? html`<button class="activate" aria-label=${t.activate} @click=${this.#activate}>${this.poster ? nothing : html`<span class="status">${t.activate}</span>`}</button>`
          : nothing}
        ${this.status === 'error' && this.error ? this.#renderError(this.error, t) : nothing}
      </div>
    `;
  }

  #renderError(error: ErrorState, t: ReturnType<typeof strings>) {
    const listed = error.errors?.slice(0, MAX_LISTED_ERRORS) ?? [];
    const more = (error.errors?.length ?? 0) - listed.length;
    return html`
      <div part="error" class="error" role="alert">
        <h2>${error.title}</h2>
        ${listed.length
          ? html`<ul>
              ${listed.map((e) => html`<li><code>${e.path}</code> ${e.message}</li>`)}
              ${more > 0 ? html`<li>${t.moreErrors(more)}</li>` : nothing}
            </ul>`
          : html`<p>${error.message}</p>`}
        ${error.kind === 'config' ? nothing : html`<button part="retry-button" class="retry" @click=${() => this.reload()}>${t.retry}</button>`}
      </div>
    `;
  }
}
