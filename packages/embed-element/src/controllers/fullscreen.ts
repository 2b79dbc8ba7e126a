import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Full screen for the element: the host goes full screen, not a part inside it, because the
 * host's paint containment would clip a full-screen descendant to the host's own box (the
 * figure's top-left corner only). `active` follows the document, whoever started or ended it.
 */
export class FullscreenController implements ReactiveController {
  active = false;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#changed);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#changed);
  }

  toggle = (): void => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.host.requestFullscreen?.().catch(() => undefined);
  };

  #changed = (): void => {
    const el = document.fullscreenElement;
    this.active = el !== null && (el === this.host || this.host.renderRoot.contains(el));
    this.host.requestUpdate();
  };
}
