// Redirect sign-in with the SDK: for full-page apps, where a popup is not wanted.
import { NetpadClient, UserSession } from '/lib/sdk/netpad-sdk.js';

const platform = location.origin;
const redirectUri = `${platform}/examples/sdk/redirect.html`;
const user = new UserSession({ platform, clientId: 'demo-blog', redirectUri, locale: 'zh-CN' });
const client = new NetpadClient({ platform, clientId: 'demo-blog', tokenProvider: user });
const $ = (id) => document.getElementById(id);

$('sign-in').addEventListener('click', () => user.signInRedirect().catch((err) => ($('error').textContent = `${err.name}: ${err.message}`)));

if (new URLSearchParams(location.search).has('code')) {
  user
    .completeRedirect()
    .then(async () => {
      history.replaceState(null, '', redirectUri);
      $('who').textContent = user.subject ?? '';
      $('balance').textContent = String((await client.wallet.get()).balance);
    })
    .catch((err) => ($('error').textContent = `${err.name}: ${err.message}`));
}
