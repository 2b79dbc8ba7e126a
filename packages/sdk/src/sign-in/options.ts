import type { INavigator } from 'oidc-client-ts';

export interface UserSessionOptions {
  platform: string;
  clientId: string;
  /** Where the platform sends the reader back after a redirect sign-in (registered with the app). */
  redirectUri: string;
  /** The page that completes a popup sign-in (calls `completeSignInPopup()`); default redirectUri. */
  popupRedirectUri?: string;
  /** `zh-CN` or `en` for the platform's pages. */
  locale?: string;
  /** Bind tokens to a key of this browser (DPoP). Default true. */
  dpop?: boolean;
  /**
   * Keep the reader signed in across reloads and pages (default true): the DPoP-bound refresh
   * token is kept in IndexedDB, never the access token. Off, or without DPoP, or where the
   * browser blocks storage, the sign-in lasts as long as the page.
   */
  keepSignedIn?: boolean;
  /** Replace how windows are opened, e.g. with the Office dialog API in the add-in. */
  navigators?: { popup?: INavigator; redirect?: INavigator };
}
