/**
 * The browser bundle's entry (`/lib/embed/netpad-embed.js`): defines `<netpad-embed>` and
 * carries the SDK pieces a page needs to configure it, so a page loads one copy of each.
 */
export * from './index';
export { NetpadClient, UserSession, completeSignInPopup, signInErrors } from '@netpad/sdk';
