import type { ReactiveController } from 'lit';
import { whenNearViewport } from '../internal/near-viewport';
import type { EmbedElement } from '../components/netpad-embed/netpad-embed.types';

/**
 * When a figure may start loading, as model-viewer decides it: at once (`loading="eager"`) or
 * when it comes near the viewport (`lazy`), and with `reveal="interaction"` only once the reader
 * has asked for it.
 */
export class ViewportLoadingController implements ReactiveController {
  /** With `reveal="interaction"`: the reader has clicked the poster. */
  activated = false;
  #stopWatching: (() => void) | undefined;

  constructor(
    private readonly host: EmbedElement,
    private readonly begin: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The poster is waiting for the reader's click before anything loads. */
  get waitingForClick(): boolean {
    return this.host.reveal === 'interaction' && !this.activated;
  }

  /** Calls `begin` when loading may start (now, or once near the viewport). */
  schedule(): void {
    this.stop();
    const go = () => {
      if (!this.waitingForClick) this.begin();
    };
    if (this.host.loading === 'eager') go();
    else this.#stopWatching = whenNearViewport(this.host, go);
  }

  stop(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
  }

  /** The reader asked for the figure (`reveal="interaction"`). */
  activate(): void {
    this.activated = true;
  }
}
