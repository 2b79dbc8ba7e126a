/**
 * The script of the platform's `/embed/:id` frame and `/figures/:id` page. It runs on the
 * platform's origin: the reader signs in here (a popup from this frame), tokens live in this
 * frame's memory, and the host page only ever hears about sizes, states and outcomes.
 */
import { NetpadClient, UserSession } from '@netpad/sdk';
import { configureNetpad } from '../config';
import '../netpad-embed';
import type NetpadEmbed from '../components/netpad-embed/netpad-embed.component';
import type { NetpadChangeDetail, NetpadErrorDetail, NetpadLoadDetail } from '../components/netpad-embed/netpad-embed.types';
import { CHANNEL, readToFrame, type FromFrame } from './protocol';

interface PageConfig {
  platform: string;
  clientId: string;
  figureId: string;
  lang: string;
  parentOrigin: string | null;
  publicEmbed?: boolean;
  mode: 'frame' | 'page';
  purchase: boolean;
}

const config = JSON.parse(document.getElementById('netpad-config')?.textContent ?? '{}') as PageConfig;
const framed = config.mode === 'frame' && window.parent !== window;

/**
 * The origin of the page around this frame, as the browser reports it: the closest ancestor's
 * origin (Chromium, Safari), else the referrer's (the parent page's URL by default).
 */
function reportedParentOrigin(): string | undefined {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? undefined;
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whom this frame talks to; never '*'. An app's frame: the origin the platform checked against
 * the app's registered sites. A public embed (any site may frame it): the `parent_origin` it was
 * given only if the browser confirms that origin framed it.
 */
const parentOrigin = !framed || !config.parentOrigin ? null : !config.publicEmbed || reportedParentOrigin() === config.parentOrigin ? config.parentOrigin : null;

/** What a public embed may tell a page it does not know: nothing about the reader's rights. */
const PUBLIC_MESSAGES = new Set<FromFrame['type']>(['hello', 'load', 'change', 'resize']);

type Unsent<T> = T extends unknown ? Omit<T, 'channel'> : never;

function post(message: Unsent<FromFrame>): void {
  if (!parentOrigin) return;
  if (config.publicEmbed && !PUBLIC_MESSAGES.has(message.type)) return;
  window.parent.postMessage({ channel: CHANNEL, ...message }, parentOrigin);
}

const session = new UserSession({
  platform: config.platform,
  clientId: config.clientId,
  redirectUri: new URL('/embed/signed-in', config.platform).href,
  locale: config.lang === 'zh-CN' ? 'zh-CN' : 'en',
});
/**
 * A frame sandboxed without allow-same-origin (WordPress: `sandbox="allow-scripts"`) has an
 * opaque origin and may open no window: no sign-in popup, no link in a new tab. Readers get
 * the figure page's address and QR code instead, and WordPress's own `link` message.
 */
const sandboxed = framed && self.origin === 'null';

/**
 * WordPress's embed protocol: it frames oEmbed HTML sandboxed, appends `#?secret=…` to the
 * frame's URL, and sizes the frame on `{ message: 'height', value, secret }` from it. Answered
 * with the secret WordPress gave, only to the page the browser says framed us, so the frame
 * takes the figure's height on a phone instead of a fixed 500 × 375 with a blank band.
 */
const wordpressSecret = framed && config.publicEmbed ? /^#\?(?:.*&)?secret=([A-Za-z0-9]{1,64})(?:&|$)/.exec(location.hash)?.[1] : undefined;
const wordpressParent = wordpressSecret ? reportedParentOrigin() : undefined;
const toWordPress = (message: string, value: string | number) => {
  if (wordpressSecret && wordpressParent && wordpressParent !== 'null') window.parent.postMessage({ message, value, secret: wordpressSecret }, wordpressParent);
};
const figurePage = new URL(`/figures/${encodeURIComponent(config.figureId)}`, config.platform).href;

configureNetpad({
  platform: config.platform,
  clientId: config.clientId,
  mode: 'inline',
  session,
  client: new NetpadClient({ platform: config.platform, clientId: config.clientId, tokenProvider: session }),
  purchase: config.purchase,
  ...(sandboxed
    ? {
        elsewhere: {
          url: figurePage,
          qr: `${figurePage}/qr.svg`,
          // WordPress's host script follows a `link` to the frame's own host, from a focused frame.
          open: wordpressSecret ? () => toWordPress('link', `${figurePage}?lang=${encodeURIComponent(config.lang)}`) : undefined,
        },
      }
    : {}),
});

// The poster in the page's slot is painted before the element starts (defining and drawing it is
// main-thread work the first paint would otherwise wait for): after the next frame, or 100 ms
// where frames are not drawn (a throttled frame off screen).
if (document.getElementById('figure')?.querySelector('img')) {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(timer), resolve()), 0));
  });
}

const element = document.createElement('netpad-embed') as NetpadEmbed;
element.resource = config.figureId;
element.loading = 'eager';
element.setAttribute('lang', config.lang);
// The page holds the figure's box with its poster (server-rendered, shown before any script):
// the element takes the poster's place in it, the same size, so nothing on the page moves.
const slot = document.getElementById('figure');
if (slot) slot.replaceChildren(element);
else document.body.append(element);

post({ type: 'hello' });
element.addEventListener('netpad-load', (e) => post({ type: 'load', title: (e as CustomEvent<NetpadLoadDetail>).detail.title }));
element.addEventListener('netpad-change', (e) => post({ type: 'change', state: (e as CustomEvent<NetpadChangeDetail>).detail.state }));
element.addEventListener('netpad-error', (e) => {
  const { kind, message, status } = (e as CustomEvent<NetpadErrorDetail>).detail;
  post({ type: 'error', kind, message, ...(status === undefined ? {} : { status }) });
});
element.addEventListener('netpad-auth-required', () => post({ type: 'auth-required' }));

element.addEventListener('netpad-status', () => post({ type: 'status', status: element.status }));

if (wordpressSecret) {
  let last = 0;
  const sendHeight = (always: boolean) => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last && !always) return;
    last = height;
    toWordPress('height', height);
  };
  new ResizeObserver(() => sendHeight(false)).observe(document.documentElement);
  // WordPress hides the frame until it hears from it, and asks with `ready` once its script
  // runs: a hidden frame may see no resize, so the height goes with every answer.
  window.addEventListener('message', (event) => {
    const data = event.data as { message?: unknown; secret?: unknown } | null;
    if (event.source !== window.parent || data?.message !== 'ready' || data.secret !== wordpressSecret) return;
    sendHeight(true);
  });
  sendHeight(true);
}

if (parentOrigin) {
  new ResizeObserver(() => post({ type: 'resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) })).observe(document.documentElement);
  window.addEventListener('message', (event) => {
    // Calls only from the page around this frame, from the origin the platform checked.
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const message = readToFrame(event.data);
    if (!message || element.status !== 'ready') return;
    if (message.type === 'reset') element.reset();
    else if (message.type === 'set-value') element.setValue(message.name, message.value);
    else element.setState(message.state);
  });
}
