/**
 * The sign-in dialog's first page, on the add-in's own origin (Office opens dialogs only there):
 * it goes on to the platform's authorization endpoint, and to nowhere else.
 */
import { loadConfig } from '../config';
import { localeOf, translator } from '../i18n';

const base = new URL('./', import.meta.url).href;
const t = translator(localeOf(navigator.language));
const say = (text: string) => {
  document.getElementById('message')!.textContent = text;
};
document.documentElement.lang = localeOf(navigator.language);
say(t('loading'));
try {
  const config = await loadConfig(base);
  const to = new URL(new URLSearchParams(location.search).get('to') ?? '', location.href);
  if (to.origin !== config.platform || to.pathname !== '/auth') say(t('dialogBadTarget'));
  else location.replace(to.href);
} catch (err) {
  say(t('signInFailed', { reason: err instanceof Error ? err.message : String(err) }));
}
