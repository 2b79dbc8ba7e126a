import type { FigureState, FigureValidationError, Locale } from '@netpad/figure';
import type { FigureDocument } from '@netpad/figure';
import type { ReactiveControllerHost } from 'lit';
import type { FrameStatus } from '../../frame/protocol';

/**
 * Where the element is. `sign-in`, `purchase` and `expired` are figures from a platform that the
 * reader may not view yet; the element shows what to do about it.
 */
export type NetpadEmbedStatus = FrameStatus;

/** What went wrong, for `netpad-error` listeners and for the error panel. */
export type NetpadErrorKind = 'config' | 'http' | 'network' | 'invalid' | 'render' | 'not-found' | 'unavailable' | 'frame-refused';

export interface NetpadLoadDetail {
  /** The figure document (absent in frame mode: it stays in the platform's frame). */
  readonly document?: FigureDocument;
  readonly title: string;
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
export interface NetpadAuthRequiredDetail {
  /** The figure id. */
  readonly resource: string;
}

export interface ErrorState extends NetpadErrorDetail {
  readonly title: string;
  /**
   * For mistakes of the page's developer (a site the app did not register): readers see the
   * poster and this neutral line; `message` goes to the console and `netpad-error`.
   */
  readonly reader?: string;
}

/** The element as its controllers see it: its attributes and its status. */
export interface EmbedElement extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly src: string;
  readonly resource: string;
  readonly platform: string;
  readonly clientId: string;
  readonly loading: 'lazy' | 'eager';
  readonly reveal: 'auto' | 'interaction';
  status: NetpadEmbedStatus;
}

/**
 * What the element lends its controllers: the only ways they report to the page (events, the
 * error panel), so that every outcome goes through one path whichever controller found it.
 */
export interface EmbedPort {
  locale(): Locale;
  /** Shows the error panel and fires `netpad-error`. */
  fail(error: ErrorState): void;
  /** Fires a composed event; false when a listener cancelled it. */
  emit(type: string, detail: unknown, cancelable?: boolean): boolean;
}
