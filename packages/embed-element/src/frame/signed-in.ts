/** The platform's `/embed/signed-in` page: ends a sign-in popup opened by an embed frame. */
import { completeSignInPopup } from '@netpad/sdk';

const message = document.getElementById('message');
completeSignInPopup().then(
  () => {
    if (message) message.textContent = message.dataset.done ?? '';
  },
  (err: unknown) => {
    if (message) message.textContent = err instanceof Error ? err.message : String(err);
  },
);
