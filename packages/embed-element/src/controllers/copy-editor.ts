import type { TemplateResult } from 'lit';
import type { FigureDocument } from '@netpad/figure';
import type { FigureHandle } from '@netpad/figure/render';
import type { Entitlement } from '@netpad/sdk';
import type { Strings } from '../internal/i18n';
import { lazyChunk } from '../internal/lazy-chunk';
import type { Connection } from '../internal/platform-client';
import type { EmbedElement, EmbedPort } from '../components/netpad-embed/netpad-embed.types';
import type * as ViewModule from '../components/netpad-embed/panels/copy-editor';

type View = typeof ViewModule;
const loadView = lazyChunk<View>(() => import('../components/netpad-embed/panels/copy-editor'));

/** Whether these rights show the toolbar's Edit / Save as button. */
export const mayEdit = (entitlement: Entitlement | undefined): boolean => !!entitlement && (entitlement.actions.includes('edit') || entitlement.actions.includes('save_as'));

/**
 * Editing a catalogue figure as the reader's own copy: the bar with the copy's name and Save,
 * which saves as a copy in the reader's space once, then updates it with `If-Match`. Its code
 * loads with the rights that need it, while the figure draws.
 */
export class CopyEditorController {
  editing = false;
  saving = false;
  message: { ok: boolean; text: string } | undefined;
  /** The reader's copy in their space, once the first save made it. */
  copy: { id: string; etag: string } | undefined;
  titleDraft = '';
  #view: View | undefined;

  constructor(
    readonly host: EmbedElement,
    readonly port: EmbedPort,
    readonly context: { connection(): Connection | undefined; entitlement(): Entitlement | undefined; doc(): FigureDocument | undefined; handle(): FigureHandle | undefined },
  ) {}

  set(patch: Partial<Pick<CopyEditorController, 'editing' | 'saving' | 'message' | 'copy' | 'titleDraft'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /**
   * Fetches the bar's code when these rights will show the Edit button. A failed fetch does not
   * stop the figure: the button fetches it again when pressed.
   */
  async prepare(entitlement: Entitlement): Promise<void> {
    if (mayEdit(entitlement)) this.#view = await loadView().catch(() => undefined);
  }

  /** A new figure: not editing, no copy yet. */
  clear(): void {
    this.set({ editing: false, message: undefined, copy: undefined });
  }

  toggle = (): void => {
    if (this.#view) return this.#view.toggleEditor(this);
    loadView().then(
      (view) => {
        this.#view = view;
        view.toggleEditor(this);
      },
      () => undefined,
    );
  };

  render(t: Strings): TemplateResult | undefined {
    return this.editing ? this.#view?.renderEditor(this, t) : undefined;
  }
}
