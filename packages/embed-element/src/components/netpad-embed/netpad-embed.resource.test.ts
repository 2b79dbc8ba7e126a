// `<netpad-embed resource>` in every state. web-test-runner has no platform, so the page's client
// is a stand-in with the SDK's shape; the same flows run against the real platform in
// tests/e2e (blog-widget, e-textbook, lesson-platform).
import { expect } from '@esm-bundle/chai';
import '../../netpad-embed';
import { configureNetpad } from '../../config';
import type NetpadEmbed from './netpad-embed.component';
import type { NetpadErrorDetail } from './netpad-embed.types';

const PLATFORM = location.origin;
const HYPERBOLA = '/examples/figures/hyperbola-rectangle.json';
const created: HTMLElement[] = [];

afterEach(() => {
  for (const el of created.splice(0)) el.remove();
  configureNetpad({ client: undefined, session: undefined, platform: undefined, clientId: undefined, mode: undefined, purchase: undefined });
});

function make(attrs: Record<string, string>): NetpadEmbed {
  const el = document.createElement('netpad-embed');
  el.style.width = '400px';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  created.push(el);
  return el;
}

function next<T = unknown>(el: Element, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }));
}

function status(el: NetpadEmbed, wanted: string): Promise<void> {
  return new Promise((resolve) => {
    if (el.status === wanted) return resolve();
    const on = () => {
      if (el.status !== wanted) return;
      el.removeEventListener('netpad-status', on);
      resolve();
    };
    el.addEventListener('netpad-status', on);
  });
}

const shadow = (el: NetpadEmbed) => el.shadowRoot!;

/** Resolves when something matching `selector` appears in the element's shadow root. */
function shown(el: NetpadEmbed, selector: string): Promise<void> {
  return new Promise((resolve) => {
    if (shadow(el).querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (shadow(el).querySelector(selector)) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(shadow(el), { subtree: true, childList: true });
  });
}
const named = (name: string, message = name) => Object.assign(new Error(message), { name });

type Entitlement = { actions: string[]; expiresAt: string | null; via: string[]; expired?: string };

/** A stand-in for NetpadClient and UserSession, recording what the element asks. */
function fakePlatform(rights: Record<string, Entitlement | null>, options: { signedIn?: boolean; balance?: number; failCheck?: Error; losePayAnswers?: number } = {}) {
  const calls: string[] = [];
  const keys: string[] = [];
  const session = {
    platform: PLATFORM,
    clientId: 'demo-blog',
    invalidate() {},
    signedIn: options.signedIn ?? false,
    async signInPopup() {
      calls.push('signInPopup');
      session.signedIn = true;
    },
  };
  const client = {
    platform: PLATFORM,
    clientId: 'demo-blog',
    entitlements: {
      async check(ids: string[]) {
        calls.push(`check ${ids.join(',')}`);
        if (options.failCheck) throw options.failCheck;
        return Object.fromEntries(ids.map((id) => [id, rights[id] ?? null]));
      },
    },
    figures: {
      async get(id: string) {
        calls.push(`get ${id}`);
        const document = await (await fetch(HYPERBOLA)).json();
        return { id, document, entitlement: rights[id]!, etag: '"1"', fromCache: false };
      },
      posterUrl: (id: string) => `${PLATFORM}/v1/figures/${id}/poster.svg`,
    },
    orders: {
      async offers(id: string) {
        calls.push(`offers ${id}`);
        return [{ id: `figure-${id}-month`, object: { type: 'figure', id }, actions: ['view', 'edit', 'save_as'], periodDays: 30, price: 10, title: { 'zh-CN': '一个月', en: 'One month' } }];
      },
      async create(offerId: string, call: { idempotencyKey?: string } = {}) {
        calls.push(`create ${offerId}`);
        keys.push(call.idempotencyKey ?? '');
        if ((options.balance ?? 500) < 10) throw named('InsufficientFundsError');
        return { id: 'ord_1' };
      },
      async pay(orderId: string) {
        calls.push(`pay ${orderId}`);
        if (options.losePayAnswers && options.losePayAnswers-- > 0) throw named('NetworkError', 'the answer was lost');
        for (const id of Object.keys(rights)) rights[id] = { actions: ['view', 'edit', 'save_as'], expiresAt: '2027-01-01T00:00:00Z', via: ['user'] };
        return { order: { id: orderId, price: 10, paidAt: '2026-12-02T00:00:00Z' }, charged: true };
      },
    },
    wallet: {
      async get() {
        return { balance: options.balance ?? 500, currency: 'NPC', ledger: [] };
      },
    },
    space: {
      async saveAs(id: string) {
        calls.push(`saveAs ${id}`);
        return { id: 'spc_1', etag: '"a"' };
      },
      async update(id: string, document: { title: unknown; state: unknown }, etag: string) {
        calls.push(`update ${id} ${etag} ${JSON.stringify(document.title)}`);
        throw named('ConflictError');
      },
    },
  };
  configureNetpad({ client: client as never, session: session as never, platform: PLATFORM, clientId: 'demo-blog' });
  return { calls, keys, session, client };
}

const FREE: Entitlement = { actions: ['view'], expiresAt: null, via: ['free'] };
const NONE: Entitlement = { actions: [], expiresAt: null, via: [] };

describe('<netpad-embed resource>', () => {
  describe('bad attributes give the error state, not an exception', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['no platform', { resource: 'pythagoras', 'client-id': 'demo-blog' }, /platform/],
      ['a platform that is not a URL', { resource: 'pythagoras', platform: 'not a url', 'client-id': 'demo-blog' }, /not a platform URL/],
      ['a platform that is not http(s)', { resource: 'pythagoras', platform: 'javascript:alert(1)', 'client-id': 'demo-blog' }, /not a platform URL/],
      ['no client id', { resource: 'pythagoras', platform: PLATFORM }, /client-id/],
      ['no client id, frame mode', { resource: 'pythagoras', platform: PLATFORM, mode: 'frame' }, /client-id/],
      ['a bad platform, frame mode', { resource: 'pythagoras', platform: 'ftp://x', 'client-id': 'demo-blog', mode: 'frame' }, /not a platform URL/],
      ['neither src nor resource', {}, /src|resource/],
    ];
    for (const [name, attrs, message] of cases) {
      it(name, async () => {
        const el = make({ ...attrs, loading: 'eager', lang: 'en' });
        const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
        expect(detail.kind).to.equal('config');
        expect(detail.message).to.match(message);
        expect(el.status).to.equal('error');
        expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(message);
        expect(shadow(el).querySelector('[part="retry-button"]'), 'retrying cannot fix a typo').to.equal(null);
      });
    }
  });

  it('never hands the page’s session or client to another platform', async () => {
    const { calls } = fakePlatform({ pythagoras: FREE }, { signedIn: true });
    const el = make({ resource: 'pythagoras', platform: 'http://127.0.0.1:9', loading: 'eager', lang: 'en' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('network');
    expect(calls, 'the page’s client was not used').to.deep.equal([]);
  });

  it('an unknown id: "not found"', async () => {
    fakePlatform({});
    const el = make({ resource: 'no-such-figure', loading: 'eager', lang: 'en' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('not-found');
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('There is no figure "no-such-figure"');
  });

  it('a free figure: the platform’s poster at once, then the live figure with reset and full screen', async () => {
    const { calls } = fakePlatform({ 'hyperbola-rectangle': FREE });
    const el = make({ resource: 'hyperbola-rectangle', loading: 'eager', lang: 'en' });
    await el.updateComplete;
    expect(shadow(el).querySelector<HTMLImageElement>('[part="poster"]')!.src).to.equal(`${PLATFORM}/v1/figures/hyperbola-rectangle/poster.svg`);
    const { detail } = await next<{ title: string }>(el, 'netpad-load');
    expect(detail.title).to.match(/rectangle/i);
    expect(calls).to.deep.equal(['check hyperbola-rectangle', 'get hyperbola-rectangle']);
    const tools = [...shadow(el).querySelectorAll('[part="toolbar"] button')].map((b) => b.textContent!.trim());
    expect(tools).to.deep.equal(['Reset', 'Full screen'], 'no edit or save-as without the right');
    el.setValue('k', 2);
    (shadow(el).querySelector('[part="toolbar"] button') as HTMLButtonElement).click();
    expect(el.getValue('k')).to.equal(3);
  });

  it('a paid figure and nobody signed in: asks to sign in (netpad-auth-required), signs in from the button, then shows it', async () => {
    const rights: Record<string, Entitlement> = { 'ellipse-foci': NONE };
    const { calls, session } = fakePlatform(rights);
    const el = make({ resource: 'ellipse-foci', loading: 'eager', lang: 'en' });
    const { detail } = await next<{ resource: string }>(el, 'netpad-auth-required');
    expect(detail.resource).to.equal('ellipse-foci');
    await status(el, 'sign-in');
    expect(shadow(el).querySelector('[part="panel"]')!.textContent).to.contain('Sign in to use this figure');
    // The price shows before the reader signs in.
    expect(shadow(el).querySelector('[part="prices"]')!.textContent).to.match(/One month — 30 days\s*10 NPC/);
    rights['ellipse-foci'] = { actions: ['view'], expiresAt: '2027-01-01T00:00:00Z', via: ['user'] };
    const loaded = next(el, 'netpad-load');
    shadow(el).querySelector<HTMLButtonElement>('[part="sign-in-button"]')!.click();
    await loaded;
    expect(session.signedIn).to.equal(true);
    expect(calls).to.include('signInPopup');
  });

  it('a page that runs its own sign-in cancels netpad-auth-required: no button', async () => {
    fakePlatform({ 'ellipse-foci': NONE });
    const el = document.createElement('netpad-embed') as NetpadEmbed;
    el.addEventListener('netpad-auth-required', (e) => e.preventDefault());
    for (const [k, v] of Object.entries({ resource: 'ellipse-foci', loading: 'eager', lang: 'en' })) el.setAttribute(k, v);
    document.body.append(el);
    created.push(el);
    await status(el, 'sign-in');
    expect(shadow(el).querySelector('[part="sign-in-button"]')).to.equal(null);
    expect(shadow(el).querySelector('[part="panel"]')!.textContent).to.contain('Sign in on this site');
  });

  it('signed in, not entitled: offers with the wallet; buying shows the figure with edit and save-as', async () => {
    const { calls } = fakePlatform({ 'triangle-centres': NONE }, { signedIn: true });
    const el = make({ resource: 'triangle-centres', loading: 'eager', lang: 'en' });
    await status(el, 'purchase');
    const panel = shadow(el).querySelector('[part="panel"]')!;
    expect(panel.textContent).to.contain('Wallet balance: 500 NPC');
    expect(panel.textContent).to.contain('One month — 30 days');
    const loaded = next(el, 'netpad-load');
    shadow(el).querySelector<HTMLButtonElement>('[part="buy-button"]')!.click();
    // A second step names what, the price, until when and the balance after; nothing is bought yet.
    await shown(el, '[part="confirm-button"]');
    const confirm = shadow(el).querySelector('.confirm')!.textContent!.replace(/\s+/g, ' ');
    expect(confirm).to.contain('Pay 10 NPC from your Netpad wallet for “One month”?');
    expect(confirm).to.contain(`Valid until ${new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en')}.`);
    expect(confirm).to.contain('Your wallet will then hold 490 NPC.');
    expect(calls.some((c) => c.startsWith('create'))).to.equal(false);
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await loaded;
    expect(calls).to.include.members(['create figure-triangle-centres-month', 'pay ord_1']);
    const tools = [...shadow(el).querySelectorAll('[part="toolbar"] button')].map((b) => b.textContent!.trim());
    expect(tools).to.deep.equal(['Reset', 'Full screen', 'Edit']);
    // The receipt: order, price, valid until.
    await shown(el, '[part="receipt"]');
    const receipt = shadow(el).querySelector('[part="receipt"]')!.textContent!;
    expect(receipt).to.contain('“One month”, 10 NPC');
    expect(receipt).to.contain(`valid until ${new Date(Date.parse('2026-12-02T00:00:00Z') + 30 * 86_400_000).toLocaleDateString('en')}`);
    expect(receipt).to.contain('order ord_1');
  });

  it('an offer the wallet cannot pay is disabled, with the shortfall', async () => {
    const { calls } = fakePlatform({ 'triangle-centres': NONE }, { signedIn: true, balance: 5 });
    const el = make({ resource: 'triangle-centres', loading: 'eager', lang: 'zh-CN' });
    await status(el, 'purchase');
    const button = shadow(el).querySelector<HTMLButtonElement>('[part="buy-button"]')!;
    expect(button.disabled).to.equal(true);
    const why = shadow(el).querySelector(`#${button.getAttribute('aria-describedby')}`)!;
    expect(why.textContent).to.equal('还差 5 NPC');
    button.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="confirm-button"]')).to.equal(null);
    expect(calls.some((c) => c.startsWith('create'))).to.equal(false);
    expect(el.status).to.equal('purchase');
  });

  it('a purchase whose answer was lost is retried with the same order, never a second one', async () => {
    const { calls, keys } = fakePlatform({ 'triangle-centres': NONE }, { signedIn: true, losePayAnswers: 1 });
    const el = make({ resource: 'triangle-centres', loading: 'eager', lang: 'en' });
    await status(el, 'purchase');
    const buyAndConfirm = async () => {
      shadow(el).querySelector<HTMLButtonElement>('[part="buy-button"]')!.click();
      await shown(el, '[part="confirm-button"]');
      shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    };
    await buyAndConfirm();
    await shown(el, '[part="panel"] [role="alert"]');
    expect(shadow(el).querySelector('[part="panel"] [role="alert"]')!.textContent).to.contain('nothing was charged twice');
    const loaded = next(el, 'netpad-load');
    await buyAndConfirm();
    await loaded;
    expect(calls.filter((c) => c.startsWith('create'))).to.have.length(2);
    expect(keys[0]).to.be.a('string').and.not.equal('');
    expect(keys[1], 'the retry carries the first attempt’s idempotency key').to.equal(keys[0]);
  });

  it('a right that lapsed: says when it ended and offers renewal', async () => {
    fakePlatform({ 'law-of-sines': { ...NONE, expired: '2026-10-01T00:00:00Z' } }, { signedIn: true });
    const el = make({ resource: 'law-of-sines', loading: 'eager', lang: 'en' });
    await status(el, 'expired');
    const text = shadow(el).querySelector('[part="panel"]')!.textContent!;
    expect(text).to.contain('Your access has ended');
    expect(text).to.contain(new Date('2026-10-01T00:00:00Z').toLocaleDateString('en'));
    expect(shadow(el).querySelector('[part="buy-button"]')).to.exist;
  });

  it('offline: the poster stays, with a banner and a retry that works once the network is back', async () => {
    const platform = fakePlatform({ 'hyperbola-rectangle': FREE }, { failCheck: named('NetworkError', 'Failed to fetch') });
    const el = make({ resource: 'hyperbola-rectangle', loading: 'eager', lang: 'zh-CN' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('network');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="poster"]'), 'the poster stays').to.exist;
    expect(shadow(el).querySelector('[part="error"]')!.classList.contains('banner')).to.equal(true);
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('无法连接到图形');
    configureNetpad({ client: { ...platform.client, entitlements: { check: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, FREE])) } } as never });
    const loaded = next(el, 'netpad-load');
    shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await loaded;
  });

  it('a failed save keeps the edits and says why', async () => {
    const { calls } = fakePlatform({ 'ellipse-foci': { actions: ['view', 'edit', 'save_as'], expiresAt: null, via: ['user'] } }, { signedIn: true });
    const el = make({ resource: 'ellipse-foci', loading: 'eager', lang: 'en' });
    await next(el, 'netpad-load');
    el.setValue('k', 2);
    const edit = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="toolbar"] button')].find((b) => b.textContent!.trim() === 'Edit')!;
    edit.click();
    await el.updateComplete;
    const input = shadow(el).querySelector<HTMLInputElement>('[part="editor"] input')!;
    input.value = 'My hyperbola';
    input.dispatchEvent(new Event('input'));
    shadow(el).querySelector<HTMLButtonElement>('[part="editor"] button.primary')!.click();
    await shown(el, '[part="editor"] [role="status"]');
    expect(shadow(el).querySelector('[part="editor"] [role="status"]')!.textContent).to.contain('Not saved: your copy was changed elsewhere');
    expect(el.getValue('k'), 'the edit is still on the board').to.equal(2);
    expect(calls).to.include('update spc_1 "a" "My hyperbola"');
  });

  describe('accessibility (axe)', () => {
    before(async () => {
      if ((window as unknown as { axe?: unknown }).axe) return;
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/node_modules/axe-core/axe.min.js';
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('axe-core did not load'));
        document.head.append(script);
      });
    });
    const audit = async (el: Element) => {
      const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; help: string }[] }> } }).axe;
      return (await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.help}`);
    };

    it('has no violations in the sign-in and purchase panels', async () => {
      fakePlatform({ 'ellipse-foci': NONE });
      const signIn = make({ resource: 'ellipse-foci', loading: 'eager', lang: 'en' });
      await status(signIn, 'sign-in');
      expect(await audit(signIn)).to.deep.equal([]);
      fakePlatform({ 'triangle-centres': NONE }, { signedIn: true });
      const buy = make({ resource: 'triangle-centres', loading: 'eager', lang: 'zh-CN' });
      await status(buy, 'purchase');
      expect(await audit(buy)).to.deep.equal([]);
    });
  });
});
