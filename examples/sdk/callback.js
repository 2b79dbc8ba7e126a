import { completeSignInPopup } from '/lib/sdk/netpad-sdk.js';

completeSignInPopup().catch((err) => {
  document.body.textContent = `Sign-in failed: ${err.message}`;
});
