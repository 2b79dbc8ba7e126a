/**
 * The OfficeHost over Office.js. It takes the `Office` namespace as an argument (no global
 * lookups inside), so Node tests can hand it an office-addin-mock object.
 *
 * Only type imports here: Node runs this file directly in its tests.
 */
import type { DialogCallbacks, DialogHandle, OfficeHost, OfficeView } from './types';

/** Office could not open the dialog (e.g. 12007: another dialog is open; 12009: the user blocked it). */
export class DialogOpenError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'DialogOpenError';
    this.code = code;
  }
}

/** The parts of Office.js the add-in uses: small enough to fake. */
export interface OfficeApi {
  context: {
    displayLanguage?: string;
    document?: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        remove(name: string): void;
        saveAsync(callback?: (result: AsyncResultLike<void>) => void): void;
      };
      getActiveViewAsync?(callback: (result: AsyncResultLike<string>) => void): void;
      addHandlerAsync?(eventType: unknown, handler: (event: { activeView?: string }) => void, callback?: (result: AsyncResultLike<void>) => void): void;
      removeHandlerAsync?(eventType: unknown, options: { handler: unknown }, callback?: (result: AsyncResultLike<void>) => void): void;
    };
    ui?: {
      displayDialogAsync?(url: string, options: { width: number; height: number; promptBeforeOpen?: boolean }, callback: (result: AsyncResultLike<DialogLike>) => void): void;
      messageParent?(message: string, options?: { targetOrigin: string }): void;
    };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
  EventType?: { ActiveViewChanged?: unknown; DialogMessageReceived?: unknown; DialogEventReceived?: unknown };
  AsyncResultStatus?: { Succeeded?: unknown; Failed?: unknown };
}

interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code: number; message: string };
}

interface DialogLike {
  addEventHandler(eventType: unknown, handler: (arg: { message?: string; origin?: string; error?: number }) => void): void;
  close(): void;
}

const EVENTS = { ActiveViewChanged: 'activeViewChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };

function failed(result: AsyncResultLike<unknown>, office: OfficeApi): boolean {
  const failedStatus = office.AsyncResultStatus?.Failed ?? 'failed';
  return result.status === failedStatus || (result.error !== undefined && result.status !== (office.AsyncResultStatus?.Succeeded ?? 'succeeded'));
}

const view = (name: string | undefined): OfficeView => (name === 'read' ? 'read' : 'edit');

/**
 * The real host. `inOffice` is what `Office.onReady` said (a host name, not null); pass the
 * `Office` namespace itself as `office`.
 */
export function createOfficeHost(office: OfficeApi, options: { inOffice: boolean; fallbackLocale?: string }): OfficeHost {
  const eventType = (name: keyof typeof EVENTS): unknown => office.EventType?.[name] ?? EVENTS[name];
  const document = () => {
    const doc = office.context.document;
    if (!doc) throw new Error('This add-in runs in a document');
    return doc;
  };
  return {
    inOffice: options.inOffice,
    locale: office.context.displayLanguage || options.fallbackLocale || 'zh-CN',
    getSetting: (key) => {
      const value = document().settings.get(key);
      return value === null ? undefined : value;
    },
    setSetting: (key, value) => document().settings.set(key, value),
    removeSetting: (key) => document().settings.remove(key),
    saveSettings: () =>
      new Promise<void>((resolve, reject) => {
        document().settings.saveAsync((result) => {
          if (failed(result, office)) reject(new Error(`Saving the settings failed: ${result.error?.message ?? 'unknown error'}`));
          else resolve();
        });
      }),
    getActiveView: () =>
      new Promise<OfficeView>((resolve) => {
        const doc = document();
        if (!doc.getActiveViewAsync) return resolve('edit');
        doc.getActiveViewAsync((result) => resolve(failed(result, office) ? 'edit' : view(result.value)));
      }),
    onViewChange(listener) {
      const doc = document();
      const handler = (event: { activeView?: string }) => listener(view(event.activeView));
      doc.addHandlerAsync?.(eventType('ActiveViewChanged'), handler);
      return () => doc.removeHandlerAsync?.(eventType('ActiveViewChanged'), { handler });
    },
    displayDialog: (url, size, callbacks: DialogCallbacks) =>
      new Promise<DialogHandle>((resolve, reject) => {
        const ui = office.context.ui;
        if (!ui?.displayDialogAsync) return reject(new DialogOpenError(0, 'This Office has no dialog API'));
        // promptBeforeOpen stays Office's default (true): on the web Office then asks "allow the
        // window?" itself, so the browser's pop-up blocker cannot stop a dialog that opens after
        // the sign-in's network round trips, long after the click.
        ui.displayDialogAsync(url, { width: size.widthPercent, height: size.heightPercent }, (result) => {
          if (failed(result, office)) return reject(new DialogOpenError(result.error?.code ?? 0, result.error?.message ?? 'The dialog did not open'));
          const dialog = result.value;
          dialog.addEventHandler(eventType('DialogMessageReceived'), (arg) => callbacks.onMessage({ message: String(arg.message ?? ''), origin: arg.origin }));
          dialog.addEventHandler(eventType('DialogEventReceived'), (arg) => callbacks.onClosed(arg.error ?? 12006));
          resolve({ close: () => dialog.close() });
        });
      }),
    messageParent(message, targetOrigin) {
      const ui = office.context.ui;
      if (!ui?.messageParent) throw new Error('messageParent works only inside an Office dialog');
      // With DialogOrigin 1.1 Office delivers only to a parent on targetOrigin; older hosts
      // deliver only to a parent on the dialog's own domain, which is the add-in's.
      if (office.context.requirements?.isSetSupported('DialogOrigin', '1.1')) ui.messageParent(message, { targetOrigin });
      else ui.messageParent(message);
    },
  };
}

/**
 * Waits for Office.js (loaded by a classic script before the page's module) and returns the
 * host; outside Office (no Office.js, or `onReady` says no host) `inOffice` is false.
 */
export async function officeHost(): Promise<OfficeHost> {
  const office = (globalThis as { Office?: OfficeApi & { onReady?(): Promise<{ host: unknown }> } }).Office;
  const fallbackLocale = typeof navigator !== 'undefined' ? navigator.language : undefined;
  if (!office?.onReady) return outsideOffice(fallbackLocale);
  const info = await office.onReady();
  if (!info.host) return outsideOffice(fallbackLocale);
  return createOfficeHost(office, { inOffice: true, fallbackLocale });
}

/** A plain browser tab: nothing works but saying so. */
export function outsideOffice(locale = 'zh-CN'): OfficeHost {
  const no = () => {
    throw new Error('This runs in PowerPoint');
  };
  return {
    inOffice: false,
    locale,
    getSetting: () => undefined,
    setSetting: no,
    removeSetting: no,
    saveSettings: () => Promise.reject(new Error('This runs in PowerPoint')),
    getActiveView: async () => 'edit',
    onViewChange: () => () => {},
    displayDialog: () => Promise.reject(new DialogOpenError(0, 'This runs in PowerPoint')),
    messageParent: no,
  };
}
