import type { ReactiveController } from 'lit';
import type { FigureDocument, FigureState } from '@netpad/figure';
import { pickText } from '@netpad/figure/localize';
import type { FigureHandle } from '@netpad/figure/render';
import type { Entitlement, NetpadError } from '@netpad/sdk';
import { netpadConfig } from '../config';
import { errorNamed } from '../internal/errors';
import type { Strings } from '../internal/i18n';
import { fetchDocument } from '../internal/fetch-document';
import { loadRenderer } from '../internal/load-renderer';
import { connectionFor, type Connection } from '../internal/platform-client';
import { originRefused, resolveResource, type ResourceOutcome } from '../components/netpad-embed/resource-flow';
import type { EmbedElement, EmbedPort, ErrorState, NetpadChangeDetail, NetpadLoadDetail } from '../components/netpad-embed/netpad-embed.types';

/** A figure the reader may not view yet: what it would take. */
export type RightsOutcome = Extract<ResourceOutcome, { kind: 'sign-in' | 'purchase' }>;

export interface FigureSourceHooks {
  /** The reader needs to sign in or buy; resolves once the element shows how. */
  needsRights(outcome: RightsOutcome, current: () => boolean): Promise<void>;
  /** The reader may view the figure with these rights: what the toolbar will need, fetched while the figure draws. */
  entitled(entitlement: Entitlement): Promise<unknown>;
}

/**
 * The figure's way from its source to a live board: a document at a URL (`src`) or a figure on
 * a platform (`resource`, inline), its rights looked up first, validated once, drawn. Every
 * load has a generation: an answer for a load that was superseded (new attributes, a sign-in,
 * a disconnect) is dropped.
 */
export class FigureSourceController implements ReactiveController {
  /** The validated document, once there is one. */
  doc: FigureDocument | undefined;
  /** The live board. */
  handle: FigureHandle | undefined;
  /** The reader's rights on a `resource`. */
  entitlement: Entitlement | undefined;
  /** The platform's client for a `resource`. */
  connection: Connection | undefined;
  /** Kept across a disconnect and a reload, so a figure comes back as the reader left it. */
  savedState: FigureState | undefined;
  #abort: AbortController | undefined;
  #generation = 0;

  constructor(
    private readonly host: EmbedElement,
    private readonly port: EmbedPort,
    private readonly hooks: FigureSourceHooks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
    this.keepState();
    this.handle?.destroy();
    this.handle = undefined;
  }

  /** Remembers the live board's state for the next draw. */
  keepState(): void {
    if (this.handle) this.savedState = this.handle.getState();
  }

  /** Starts a new load: the previous one stops counting. Returns whether this one still does. */
  begin(): () => boolean {
    this.stop();
    const generation = this.#generation;
    return () => generation === this.#generation && this.host.isConnected;
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#generation++;
  }

  /** Drops the board and what was loaded (the saved state stays). */
  clear(): void {
    this.handle?.destroy();
    this.handle = undefined;
    this.doc = undefined;
    this.entitlement = undefined;
  }

  /** Loads the figure named by `src` or `resource` (inline) and draws it. */
  async load(t: Strings, current: () => boolean): Promise<void> {
    this.entitlement = undefined;
    if (this.host.resource) return this.#loadResource(t, current);
    const { src } = this.host;
    if (!src) return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingResource });
    let url: string;
    try {
      url = new URL(src, this.host.ownerDocument.baseURI).href;
    } catch {
      return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingSrc });
    }
    let text: string;
    this.#abort = new AbortController();
    // The renderer downloads while the document does, not after it.
    loadRenderer().catch(() => undefined);
    try {
      const response = await fetchDocument(url, this.#abort.signal);
      if (!current()) return;
      if (!response.ok) return this.port.fail({ kind: 'http', status: response.status, title: t.errorTitleFetch, message: t.httpStatus(response.status, url) });
      text = response.text;
    } catch (err) {
      if (!current() || (err instanceof DOMException && err.name === 'AbortError')) return;
      return this.port.fail({ kind: 'network', title: t.errorTitleNetwork, message: t.networkDetail(url) });
    }
    if (!current()) return;
    await this.#draw(text, t, current);
  }

  /** The platform's client for this element, or the configuration error in words. */
  #connect(t: Strings): Connection | ErrorState {
    const { platform, clientId } = this.host;
    try {
      return (this.connection = connectionFor({ platform, clientId }));
    } catch (err) {
      const message =
        errorNamed(err, 'ConfigurationError') && err.message === 'missing-platform'
          ? t.missingPlatform
          : errorNamed(err, 'ConfigurationError') && err.message === 'missing-client-id'
            ? t.missingClientId
            : t.badPlatform(platform || netpadConfig().platform || '');
      return { kind: 'config', title: t.errorTitleConfig, message };
    }
  }

  async #loadResource(t: Strings, current: () => boolean): Promise<void> {
    const connection = this.#connect(t);
    if (!('client' in connection)) return this.port.fail(connection);
    const { resource } = this.host;
    this.#abort = new AbortController();
    let outcome;
    try {
      outcome = await resolveResource(connection, resource, this.#abort.signal);
    } catch (err) {
      if (!current() || (err instanceof DOMException && err.name === 'AbortError')) return;
      // A call with a token from a site the app did not register fails CORS, which looks like a
      // network failure: ask the platform (without a token, which any site may) which it is.
      if (errorNamed(err, 'NetworkError') && (await originRefused(connection))) {
        if (!current()) return;
        return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.originNotRegistered(location.origin, connection.clientId), reader: t.notShownHere });
      }
      if (!current()) return;
      return this.#failFrom(err, t);
    }
    if (!current()) return;
    switch (outcome.kind) {
      case 'not-found':
        return this.port.fail({ kind: 'not-found', title: t.notFoundTitle, message: t.notFound(resource) });
      case 'unavailable':
        return this.port.fail({ kind: 'unavailable', title: t.errorTitleFetch, message: t.unavailable });
      case 'sign-in':
      case 'purchase':
        return this.hooks.needsRights(outcome, current);
      case 'entitled':
        this.entitlement = outcome.result.entitlement;
        return this.#draw(outcome.result.document, t, current, this.hooks.entitled(this.entitlement));
    }
  }

  /**
   * Validates (a document's text, or a parsed document from the platform) and draws. The
   * validator comes with the renderer chunk: the first script stays small.
   */
  async #draw(source: string | FigureDocument, t: Strings, current: () => boolean, extras?: Promise<unknown>): Promise<void> {
    const locale = this.port.locale();
    let document: FigureDocument;
    let handle: FigureHandle;
    try {
      const renderer = await loadRenderer();
      if (!current()) return;
      const result = typeof source === 'string' ? renderer.parseFigure(source, { locale }) : renderer.validateFigure(source, { locale });
      if (!result.ok) return this.port.fail({ kind: 'invalid', title: t.errorTitleInvalid, message: result.errors[0]?.message ?? '', errors: result.errors });
      document = result.document;
      this.doc = document;
      this.host.requestUpdate();
      await this.host.updateComplete;
      const container = this.host.renderRoot.querySelector<HTMLElement>('.board');
      if (!container || !current()) return;
      // In steps, the page getting its turn between them: no single long task while a figure draws.
      this.#abort ??= new AbortController();
      handle = await renderer.renderValidFigureInSteps(container, document, { locale, state: this.savedState, signal: this.#abort.signal });
      if (!current()) {
        handle.destroy();
        return;
      }
      this.handle = handle;
      await extras;
      if (!current()) return;
    } catch (err) {
      if (!current()) return;
      const offline = err instanceof TypeError && /fetch|import|module/i.test(err.message);
      return this.port.fail({
        kind: offline ? 'network' : 'render',
        title: offline ? t.errorTitleNetwork : t.errorTitleRender,
        message: err instanceof Error ? err.message : String(err),
      });
    }
    this.savedState = undefined;
    handle.onChange(({ state }) => this.port.emit('netpad-change', { state } satisfies NetpadChangeDetail));
    this.host.status = 'ready';
    this.port.emit('netpad-load', { document, title: pickText(document.title, locale) } satisfies NetpadLoadDetail);
  }

  #failFrom(err: unknown, t: Strings): void {
    if (errorNamed(err, 'NetworkError')) return this.port.fail({ kind: 'network', title: t.errorTitleNetwork, message: t.networkDetail(this.connection?.platform ?? '') });
    if (errorNamed(err, 'SignInRequiredError')) return this.port.fail({ kind: 'http', status: 401, title: t.errorTitleAuth, message: t.signInFailed });
    const status = (err as Partial<NetpadError> | undefined)?.status;
    if (err instanceof Error && typeof status === 'number') {
      return this.port.fail({ kind: 'http', status, title: t.errorTitleFetch, message: status >= 500 ? t.serverError(status) : err.message });
    }
    this.port.fail({ kind: 'render', title: t.errorTitleFetch, message: err instanceof Error ? err.message : String(err) });
  }
}
