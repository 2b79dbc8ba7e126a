/**
 * Everything the add-in asks of Office goes through this one small interface: the real adapter
 * (office.ts) wraps Office.js, the fake (fake.ts) records what the UI does in tests.
 */

/** `read` is slide show and reading view; everything else is `edit`. */
export type OfficeView = 'edit' | 'read';

/** A message the dialog sent with `messageParent`, and the origin Office says it came from. */
export interface DialogMessage {
  message: string;
  /** The sending page's origin; hosts without the DialogOrigin requirement set give none. */
  origin: string | undefined;
}

export interface DialogCallbacks {
  onMessage(message: DialogMessage): void;
  /** The dialog went away without a message: closed by the user (12006) or it failed to navigate. */
  onClosed(code: number): void;
}

export interface DialogHandle {
  close(): void;
}

export interface OfficeHost {
  /** True inside an Office host (PowerPoint); false in a plain browser tab. */
  readonly inOffice: boolean;
  /** Office's UI language (e.g. `zh-CN`), or the browser's. */
  readonly locale: string;
  /** A setting of this add-in instance (a JSON value), as last set or loaded with the document. */
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
  removeSetting(key: string): void;
  /** Persists the settings into the document (`saveAsync`). */
  saveSettings(): Promise<void>;
  getActiveView(): Promise<OfficeView>;
  /** Calls back when the user enters or leaves a slide show / reading view. Returns an unsubscribe. */
  onViewChange(listener: (view: OfficeView) => void): () => void;
  /** Opens a dialog at `url` (which must be on the add-in's own origin). */
  displayDialog(url: string, size: { widthPercent: number; heightPercent: number }, callbacks: DialogCallbacks): Promise<DialogHandle>;
  /** From a page inside a dialog: hands `message` to the page that opened it, on `targetOrigin` only. */
  messageParent(message: string, targetOrigin: string): void;
}
