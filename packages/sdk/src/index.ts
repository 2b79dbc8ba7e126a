/** @netpad/sdk: the Netpad platform client for browsers and Node. */
export { NetpadClient, CHECK_BATCH_SIZE, type NetpadClientOptions, type NetpadClientBaseOptions, type CallOptions, type FigureResult } from './client';
export { appCredentials, staticToken, type TokenProvider } from './token';
export * from './errors';
export type * from './types';
export { UserSession, completeSignInPopup, signInErrors, type UserSessionOptions } from './user';
export type { PopupBlockedError, PopupClosedError, SignInFailedError, SessionChange } from './sign-in/session';
