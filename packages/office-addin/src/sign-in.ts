/**
 * Sign-in through the Office dialog API, as an oidc-client-ts navigator for UserSession:
 * the dialog opens `dialog/start.html` on the add-in's own origin (Office requires that), which
 * goes on to the platform's sign-in; the platform returns to `dialog/signed-in.html`, which
 * hands its URL (with the code) back by `messageParent` to the add-in's origin only.
 */
import type { DialogHandle, OfficeHost } from './host/types';

export const DIALOG_RESULT = 'netpad-dialog-result';

export interface DialogNavigatorOptions {
  /** The dialog's first page, on the add-in's origin. */
  startUrl: string;
  /** Where the platform returns (registered with the app): a message must carry this URL. */
  redirectUri: string;
  /** The add-in's origin: messages from any other origin are ignored. */
  addinOrigin: string;
  /** Told about every message that was not the sign-in's answer (tests, logs). */
  onIgnored?: (why: string) => void;
}

/** Why the last dialog did not give an answer: for the UI's message. */
export type DialogOutcome = { kind: 'open-failed'; code: number; message: string } | { kind: 'closed'; code: number } | undefined;

export interface DialogNavigator {
  prepare(params: unknown): Promise<{ navigate(params: { url: string }): Promise<{ url: string }>; close(): void }>;
  callback(url: string, params?: unknown): Promise<void>;
  readonly lastOutcome: DialogOutcome;
}

/** Checks one dialog message; returns the URL it carries, or why it is ignored. */
export function checkDialogMessage(message: string, origin: string | undefined, options: Pick<DialogNavigatorOptions, 'redirectUri' | 'addinOrigin'>): { url: string } | { ignored: string } {
  // Hosts without DialogOrigin 1.1 give no origin, and deliver only from the add-in's own domain.
  if (origin !== undefined && origin !== options.addinOrigin) return { ignored: `message from ${origin}` };
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return { ignored: 'not JSON' };
  }
  const { type, url } = (data ?? {}) as { type?: unknown; url?: unknown };
  if (type !== DIALOG_RESULT || typeof url !== 'string') return { ignored: 'not a sign-in result' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ignored: 'not a URL' };
  }
  if (`${parsed.origin}${parsed.pathname}` !== options.redirectUri) return { ignored: `not the redirect URI: ${parsed.origin}${parsed.pathname}` };
  return { url };
}

export function dialogNavigator(host: OfficeHost, options: DialogNavigatorOptions): DialogNavigator {
  let lastOutcome: DialogOutcome;
  return {
    get lastOutcome() {
      return lastOutcome;
    },
    async prepare() {
      let handle: DialogHandle | undefined;
      let closed = false;
      return {
        navigate: ({ url }) =>
          new Promise<{ url: string }>((resolve, reject) => {
            lastOutcome = undefined;
            const start = new URL(options.startUrl);
            start.searchParams.set('to', url);
            host
              .displayDialog(start.href, { widthPercent: 40, heightPercent: 70 }, {
                onMessage: ({ message, origin }) => {
                  const checked = checkDialogMessage(message, origin, options);
                  if ('ignored' in checked) return options.onIgnored?.(checked.ignored);
                  closed = true;
                  handle?.close();
                  resolve({ url: checked.url });
                },
                onClosed: (code) => {
                  if (closed) return;
                  closed = true;
                  lastOutcome = { kind: 'closed', code };
                  // 12006: the user closed it; oidc-client-ts and the SDK read "closed" as a cancel.
                  reject(new Error(code === 12006 ? 'Popup closed by user' : `The sign-in dialog failed (${code})`));
                },
              })
              .then(
                (opened) => {
                  handle = opened;
                  if (closed) opened.close();
                },
                (err: unknown) => {
                  const code = (err as { code?: number }).code ?? 0;
                  lastOutcome = { kind: 'open-failed', code, message: err instanceof Error ? err.message : String(err) };
                  reject(new Error(`The sign-in dialog did not open (${code})`));
                },
              );
          }),
        close: () => {
          closed = true;
          handle?.close();
        },
      };
    },
    async callback() {},
  };
}
