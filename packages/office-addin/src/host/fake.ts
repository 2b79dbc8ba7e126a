/**
 * A stand-in for Office in browser tests: it records settings (and what was saved), switches
 * views on demand, and plays the dialog — either as a real window on the add-in's origin that
 * answers by `postMessage` (what `messageParent` does in Office), or by hand
 * (`deliverDialogMessage`, `closeDialog`) to simulate what a real window cannot.
 */
import { DialogOpenError } from './office';
import type { DialogCallbacks, DialogHandle, OfficeHost, OfficeView } from './types';

export interface FakeHostOptions {
  locale?: string;
  view?: OfficeView;
  inOffice?: boolean;
  /** Settings as the document carried them when opened. */
  settings?: Record<string, unknown>;
  /** Keep saved settings in this localStorage key too, so a reload opens "the same deck". */
  storageKey?: string;
  /** `window`: open a real window; `manual`: record the URL only; a number: fail with that Office error code. */
  dialog?: 'window' | 'manual' | number;
}

export class FakeOfficeHost implements OfficeHost {
  readonly inOffice: boolean;
  readonly locale: string;
  /** What `saveSettings` last wrote (the document's copy). */
  saved: Record<string, unknown>;
  /** Every save, in order. */
  readonly saves: Record<string, unknown>[] = [];
  /** Every dialog URL opened. */
  readonly dialogs: string[] = [];
  private settings: Record<string, unknown>;
  private view: OfficeView;
  private readonly viewListeners = new Set<(view: OfficeView) => void>();
  private readonly saveListeners = new Set<() => void>();
  private callbacks: DialogCallbacks | undefined;
  private window: Window | null = null;
  private readonly options: FakeHostOptions;
  private readonly onWindowMessage = (event: MessageEvent) => {
    if (!this.window || event.source !== this.window || typeof event.data !== 'string') return;
    this.callbacks?.onMessage({ message: event.data, origin: event.origin });
  };

  constructor(options: FakeHostOptions = {}) {
    this.options = options;
    this.inOffice = options.inOffice ?? true;
    this.locale = options.locale ?? 'zh-CN';
    this.view = options.view ?? 'edit';
    const stored = options.storageKey ? localStorage.getItem(options.storageKey) : null;
    this.saved = structuredClone(stored ? (JSON.parse(stored) as Record<string, unknown>) : (options.settings ?? {}));
    this.settings = structuredClone(this.saved);
  }

  getSetting(key: string): unknown {
    return this.settings[key] === undefined ? undefined : structuredClone(this.settings[key]);
  }
  setSetting(key: string, value: unknown): void {
    // Office stores settings as JSON: what cannot survive that must not pass here either.
    this.settings[key] = JSON.parse(JSON.stringify(value)) as unknown;
  }
  removeSetting(key: string): void {
    delete this.settings[key];
  }
  async saveSettings(): Promise<void> {
    this.saved = structuredClone(this.settings);
    this.saves.push(this.saved);
    if (this.options.storageKey) localStorage.setItem(this.options.storageKey, JSON.stringify(this.saved));
    for (const listener of [...this.saveListeners]) listener();
  }
  /** Calls back after each save (tests wait on it instead of sleeping). */
  onSave(listener: () => void): () => void {
    this.saveListeners.add(listener);
    return () => this.saveListeners.delete(listener);
  }

  async getActiveView(): Promise<OfficeView> {
    return this.view;
  }
  onViewChange(listener: (view: OfficeView) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }
  /** As when the presenter starts (`read`) or ends (`edit`) the slide show. */
  setView(view: OfficeView): void {
    this.view = view;
    for (const listener of [...this.viewListeners]) listener(view);
  }

  async displayDialog(url: string, _size: { widthPercent: number; heightPercent: number }, callbacks: DialogCallbacks): Promise<DialogHandle> {
    const mode = this.options.dialog ?? 'window';
    if (typeof mode === 'number') throw new DialogOpenError(mode, `The dialog did not open (${mode})`);
    if (this.callbacks) throw new DialogOpenError(12007, 'A dialog is already open');
    this.dialogs.push(url);
    this.callbacks = callbacks;
    if (mode === 'window') {
      this.window = window.open(url, 'netpad-office-dialog', 'popup,width=480,height=640');
      window.addEventListener('message', this.onWindowMessage);
    }
    return { close: () => this.endDialog() };
  }

  get dialogOpen(): boolean {
    return this.callbacks !== undefined;
  }
  /** As if the dialog's page called `messageParent(message)` from `origin`. */
  deliverDialogMessage(message: string, origin: string | undefined): void {
    this.callbacks?.onMessage({ message, origin });
  }
  /** As if the user closed the dialog (12006). */
  closeDialog(code = 12006): void {
    const callbacks = this.callbacks;
    this.endDialog();
    callbacks?.onClosed(code);
  }
  private endDialog(): void {
    window.removeEventListener('message', this.onWindowMessage);
    this.window?.close();
    this.window = null;
    this.callbacks = undefined;
  }

  messageParent(message: string, targetOrigin: string): void {
    if (!window.opener) throw new Error('No dialog parent');
    (window.opener as Window).postMessage(message, targetOrigin);
  }
}
