import { uiLocale } from '@netpad/figure';
import type { Locale } from '@netpad/figure';

/** Every string the element shows, in each supported language. */
const STRINGS = {
  en: {
    loading: 'Loading figure…',
    placeholder: 'Interactive figure',
    activate: 'Show the interactive figure',
    errorTitleFetch: 'The figure could not be loaded',
    errorTitleNetwork: 'No connection to the figure',
    errorTitleInvalid: 'This figure document has errors',
    errorTitleRender: 'The figure could not be drawn',
    errorTitleConfig: 'This figure is not set up correctly',
    missingSrc: 'Set the src attribute to the URL of a figure document (.json).',
    httpStatus: (status: number, url: string) => `The server answered ${status} for ${url}.`,
    networkDetail: (url: string) => `Could not reach ${url}. Check the connection and try again.`,
    retry: 'Try again',
    moreErrors: (n: number) => `…and ${n} more`,
    figureLabel: 'Interactive figure',
  },
  'zh-CN': {
    loading: '正在加载图形…',
    placeholder: '交互式图形',
    activate: '显示交互式图形',
    errorTitleFetch: '无法加载图形',
    errorTitleNetwork: '无法连接到图形',
    errorTitleInvalid: '图形文档有错误',
    errorTitleRender: '无法绘制图形',
    errorTitleConfig: '图形设置不正确',
    missingSrc: '请把 src 属性设为图形文档（.json）的地址。',
    httpStatus: (status: number, url: string) => `服务器对 ${url} 返回了 ${status}。`,
    networkDetail: (url: string) => `无法访问 ${url}，请检查网络后重试。`,
    retry: '重试',
    moreErrors: (n: number) => `……另有 ${n} 处`,
    figureLabel: '交互式图形',
  },
} satisfies Record<Locale, unknown>;

export type Strings = (typeof STRINGS)['en'];

export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

/** The element's language: its own or nearest `lang`, else the browser's. */
export function resolveLocale(el: Element): Locale {
  const lang = el.closest('[lang]')?.getAttribute('lang');
  return uiLocale(lang || (typeof navigator !== 'undefined' ? navigator.language : 'en'));
}
