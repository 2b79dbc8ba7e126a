/**
 * Where the platform returns at the end of a sign-in: hands this URL (with its code, or the
 * error) to the add-in by `messageParent`, to the add-in's own origin only.
 */
import { officeHost } from '../host/office';
import { localeOf, translator } from '../i18n';
import { DIALOG_RESULT } from '../sign-in';

const t = translator(localeOf(navigator.language));
const say = (text: string) => {
  document.getElementById('message')!.textContent = text;
};
document.documentElement.lang = localeOf(navigator.language);
say(t('finishingSignIn'));
const message = JSON.stringify({ type: DIALOG_RESULT, url: location.href });
const host = await officeHost();
if (host.inOffice) host.messageParent(message, location.origin);
else if (window.opener) (window.opener as Window).postMessage(message, location.origin);
else say(t('dialogNoParent'));
