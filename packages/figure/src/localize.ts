import type { Locale, LocalizedText } from './types';

/** The requested locale, then zh-CN (the catalogue's own language), then en, then anything. */
export function pickText(text: LocalizedText | undefined, locale: string = 'zh-CN'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const has = (k: string) => Object.hasOwn(text, k) && typeof text[k] === 'string';
  if (has(locale)) return text[locale]!;
  const language = locale.split('-')[0]!;
  const sameLanguage = Object.keys(text).find((k) => k.split('-')[0] === language);
  if (sameLanguage) return text[sameLanguage]!;
  for (const fallback of ['zh-CN', 'en']) if (has(fallback)) return text[fallback]!;
  const first = Object.values(text)[0];
  return typeof first === 'string' ? first : '';
}

/** Picks the nearest supported UI locale for a BCP 47 tag such as `zh`, `zh-Hans-CN` or `en-GB`. */
export function uiLocale(tag: string | undefined | null): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}
