// The SDK on a page: popup sign-in (DPoP-bound tokens in memory), a paid figure, a purchase.
import { NetpadClient, UserSession, InsufficientEntitlementError, SignInRequiredError } from '/lib/sdk/netpad-sdk.js';

const platform = location.origin;
const user = new UserSession({ platform, clientId: 'demo-blog', redirectUri: `${platform}/examples/sdk/callback.html`, locale: 'zh-CN' });
const client = new NetpadClient({ platform, clientId: 'demo-blog', tokenProvider: user });
const $ = (id) => document.getElementById(id);
const show = (id, text) => ($(id).textContent = text);

async function refresh() {
  try {
    const { entitlement } = await client.figures.get('unit-circle');
    show('status', `可查看 viewable: ${entitlement.actions.join(', ')}`);
    $('buy').hidden = true;
  } catch (err) {
    if (err instanceof SignInRequiredError) show('status', '需要登录 sign-in needed');
    else if (err instanceof InsufficientEntitlementError) {
      show('status', `没有权限 not entitled (missing ${err.missing.join(', ')})`);
      $('buy').hidden = false;
    } else throw err;
  }
  if (user.signedIn) {
    show('who', user.subject ?? '');
    show('balance', String((await client.wallet.get()).balance));
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
  }
}

$('sign-in').addEventListener('click', () => {
  // Straight from the click: the SDK opens the window before it loads the sign-in code.
  user
    .signInPopup()
    .then(refresh)
    .catch((err) => show('error', `${err.name}: ${err.message}`));
});
$('buy').addEventListener('click', async () => {
  const order = await client.orders.create('figure-unit-circle-month');
  await client.orders.pay(order.id);
  await refresh();
});
$('sign-out').addEventListener('click', async () => {
  await user.signOut();
  location.reload();
});
// Exposed for the end-to-end test, which starts a sign-in without a click.
window.netpadSdkDemo = { user, client, refresh };
refresh().catch((err) => show('error', String(err)));
