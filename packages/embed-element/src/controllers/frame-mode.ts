import type { ReactiveController } from 'lit';
import type { FigureState } from '@netpad/figure';
import { netpadConfig } from '../config';
import { readFromFrame, type ToFrame } from '../frame/protocol';
import type { Strings } from '../internal/i18n';
import { platformOrigin } from '../internal/platform-client';
import type { EmbedElement, EmbedPort, NetpadAuthRequiredDetail, NetpadChangeDetail, NetpadErrorDetail, NetpadErrorKind, NetpadLoadDetail } from '../components/netpad-embed/netpad-embed.types';

/**
 * Frame mode: the figure lives in the platform's `/embed/:id` page (tokens stay there). This
 * controller builds the frame's address, hears only that frame from the platform's origin,
 * turns its messages into the element's status and events, and relays setValue / setState.
 */
export class FrameModeController implements ReactiveController {
  /** The frame's address; empty when there is no frame. */
  src = '';
  /** The frame's page said hello: it is the platform's and it was allowed to load. */
  shown = false;
  /** The figure's title, as the frame reported it. */
  title = '';
  /** The platform's origin, the only one whose messages count; empty outside frame mode. */
  origin = '';
  /** The last state the frame reported (getState / getValue read it). */
  state: FigureState | undefined;

  constructor(
    private readonly host: EmbedElement,
    private readonly port: EmbedPort,
    /** The frame loaded after all: an earlier "refused" error no longer holds. */
    private readonly onHello: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('message', this.#onMessage);
  }

  hostDisconnected(): void {
    window.removeEventListener('message', this.#onMessage);
    this.src = '';
  }

  /** Outside frame mode again. */
  close(): void {
    this.src = '';
    this.shown = false;
    this.origin = '';
    this.state = undefined;
  }

  /** Points a frame at the platform's page for the figure, or says what is missing. */
  open(t: Strings): void {
    const config = netpadConfig();
    const clientId = this.host.clientId || config.clientId || '';
    const raw = this.host.platform || config.platform || '';
    if (!raw) return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingPlatform });
    if (!clientId) return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.missingClientId });
    let origin: string;
    try {
      origin = platformOrigin(raw);
    } catch {
      return this.port.fail({ kind: 'config', title: t.errorTitleConfig, message: t.badPlatform(raw) });
    }
    const url = new URL(`/embed/${encodeURIComponent(this.host.resource)}`, origin);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('lang', this.port.locale());
    url.searchParams.set('parent_origin', location.origin);
    this.origin = origin;
    this.shown = false;
    this.src = url.href;
    this.host.requestUpdate();
  }

  /** Sends a command to the figure in the frame; throws before the frame is live. */
  send(message: ToFrame): void {
    const frame = this.#frame();
    if (!frame?.contentWindow || !this.shown) throw new Error('The figure is not live yet: wait for the netpad-load event.');
    frame.contentWindow.postMessage(message, this.origin);
  }

  /** The frame's `load` event. A frame whose page never said hello was refused (frame-ancestors) or is not the platform's. */
  onLoad = (t: Strings): void => {
    if (this.shown || !this.src) return;
    this.port.fail({ kind: 'frame-refused', title: t.errorTitleConfig, message: t.frameRefused(location.origin), reader: t.notShownHere });
  };

  #frame(): HTMLIFrameElement | null | undefined {
    return this.host.renderRoot?.querySelector<HTMLIFrameElement>('iframe.frame');
  }

  #onMessage = (event: MessageEvent): void => {
    const frame = this.#frame();
    // Only our own frame, from the platform's origin: other frames and windows can post here too.
    if (!frame || !this.origin || event.source !== frame.contentWindow || event.origin !== this.origin) return;
    const message = readFromFrame(event.data);
    if (!message) return;
    switch (message.type) {
      case 'hello':
        this.shown = true;
        this.onHello();
        this.host.requestUpdate();
        return;
      case 'status':
        if (message.status !== 'error') this.host.status = message.status;
        return;
      case 'load':
        this.title = message.title;
        this.host.status = 'ready';
        this.port.emit('netpad-load', { title: message.title } satisfies NetpadLoadDetail);
        return;
      case 'change':
        this.state = message.state;
        this.port.emit('netpad-change', { state: message.state } satisfies NetpadChangeDetail);
        return;
      case 'error':
        // The frame shows the error itself; the host page hears about it.
        this.host.status = 'error';
        this.port.emit('netpad-error', { kind: message.kind as NetpadErrorKind, message: message.message, status: message.status } satisfies NetpadErrorDetail);
        return;
      case 'auth-required':
        this.port.emit('netpad-auth-required', { resource: this.host.resource } satisfies NetpadAuthRequiredDetail);
        return;
      case 'resize':
        return;
    }
  };
}

