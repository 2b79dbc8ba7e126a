import { expect } from '@esm-bundle/chai';
import type { FigureDocument } from '@netpad/figure';
import { startContent, type ContentPage } from './content';
import { FakeOfficeHost } from './host/fake';
import { ALL_MESSAGES, translator } from './i18n';
import { checkDialogMessage } from './sign-in';
import { describeEntitlement, isExpired, SETTINGS_KEY } from './stored';

// The content page in Chromium with the fake Office host and fixtures: no platform here (the
// e2e test, tests/e2e/office-addin.test.ts, runs it against the real one).

const POSTER = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" fill="#1e88e5"/></svg>';
let hyperbola: FigureDocument;

function stored(overrides: Record<string, unknown> = {}) {
  return { v: 1, id: 'hyperbola-rectangle', document: hyperbola, state: { k: 5 }, entitlement: { actions: ['view'], expiresAt: null }, poster: POSTER, insertedAt: '2025-01-01T00:00:00Z', ...overrides };
}

describe('office-addin content page (fake host)', () => {
  let root: HTMLElement;
  let page: ContentPage | undefined;
  const fetches: string[] = [];
  const realFetch = window.fetch;

  before(async () => {
    hyperbola = (await (await realFetch('/examples/figures/hyperbola-rectangle.json')).json()) as FigureDocument;
  });
  beforeEach(() => {
    root = document.createElement('div');
    root.style.width = '640px';
    root.style.height = '480px';
    root.style.display = 'flex';
    root.style.flexDirection = 'column';
    document.body.append(root);
    fetches.length = 0;
    // Any network use in these tests is recorded, and fails.
    window.fetch = (input: RequestInfo | URL) => {
      fetches.push(String(input));
      return Promise.reject(new TypeError('Failed to fetch (offline in this test)'));
    };
  });
  afterEach(() => {
    page?.destroy();
    page = undefined;
    root.remove();
    window.fetch = realFetch;
  });

  const start = (host: FakeOfficeHost, saveDelay = 0) =>
    startContent({ host, root, addinBase: 'https://addin.test/', config: async () => ({ platform: 'https://platform.test', clientId: 'demo-office' }), saveDelay });

  it('says plainly that it runs in PowerPoint, in Chinese and English', async () => {
    page = await start(new FakeOfficeHost({ inOffice: false, locale: 'zh-CN' }));
    expect(page.mode).to.equal('outside');
    expect(root.textContent).to.contain('此加载项在 PowerPoint 中运行');
    page.destroy();
    page = await start(new FakeOfficeHost({ inOffice: false, locale: 'en-GB' }));
    expect(root.textContent).to.contain('This add-in runs in PowerPoint');
    expect(document.documentElement.lang).to.equal('en');
  });

  it('presents the stored figure live in read view, with no network and no dialog', async () => {
    const host = new FakeOfficeHost({ view: 'read', settings: { [SETTINGS_KEY]: stored() } });
    page = await start(host);
    expect(page.mode).to.equal('read-figure');
    expect(page.figure!.getState().k).to.equal(5);
    page.figure!.setValue('k', 7);
    expect(page.figure!.getState().k).to.equal(7);
    expect(host.saves).to.have.length(0);
    expect(host.dialogs).to.deep.equal([]);
    expect(fetches).to.deep.equal([]);
  });

  it('saves each change in edit view, and reset returns to the figure’s own state', async () => {
    const host = new FakeOfficeHost({ view: 'edit', settings: { [SETTINGS_KEY]: stored() } });
    page = await start(host);
    expect(page.mode).to.equal('edit-figure');
    const savedOnce = new Promise<void>((resolve) => host.onSave(resolve));
    page.figure!.setValue('k', 6.5);
    await savedOnce;
    expect((host.saved[SETTINGS_KEY] as { state: { k: number } }).state.k).to.equal(6.5);
    const savedAgain = new Promise<void>((resolve) => host.onSave(resolve));
    root.querySelector<HTMLButtonElement>('button.reset')!.click();
    await savedAgain;
    expect((host.saved[SETTINGS_KEY] as { state: { k: number } }).state.k).to.equal(3);
    expect(root.querySelector('[role=status]')!.textContent).to.equal('已保存到幻灯片');
    expect(fetches).to.deep.equal([]);
  });

  it('offers Edit only in edit view and only with the edit right; the slide show never gets the editor', async () => {
    page = await start(new FakeOfficeHost({ view: 'edit', locale: 'en', settings: { [SETTINGS_KEY]: stored() } }));
    expect(root.querySelector('button.edit')).to.equal(null, 'view only: nothing to edit');
    page.destroy();
    const mine = stored({ id: 'space:sf_x', entitlement: { actions: ['view', 'edit', 'save_as'], expiresAt: null }, etag: '"1-abc"' });
    page = await start(new FakeOfficeHost({ view: 'edit', locale: 'en', settings: { [SETTINGS_KEY]: mine } }));
    expect(root.querySelector('button.edit')!.textContent).to.equal('Edit');
    page.destroy();
    page = await start(new FakeOfficeHost({ view: 'read', locale: 'en', settings: { [SETTINGS_KEY]: mine } }));
    expect(page.mode).to.equal('read-figure');
    expect(root.querySelector('button.edit, netpad-editor')).to.equal(null);
    expect(fetches).to.deep.equal([]);
  });

  it('opens the editor on the stored figure, and Cancel puts the figure back as it was', async () => {
    const mine = stored({ id: 'space:sf_x', entitlement: { actions: ['view', 'edit', 'save_as'], expiresAt: null }, etag: '"1-abc"' });
    const host = new FakeOfficeHost({ view: 'edit', locale: 'en', settings: { [SETTINGS_KEY]: mine } });
    page = await start(host);
    root.querySelector<HTMLButtonElement>('button.edit')!.click();
    for (let i = 0; i < 200 && !root.querySelector('netpad-editor'); i++) await new Promise((r) => requestAnimationFrame(r));
    expect(page.mode).to.equal('editing');
    const editor = root.querySelector('netpad-editor') as unknown as { document: FigureDocument };
    expect(editor.document.elements.map((e) => e.id)).to.deep.equal(hyperbola.elements.map((e) => e.id));
    root.querySelector<HTMLButtonElement>('button.cancel-edit')!.click();
    for (let i = 0; i < 200 && page.mode !== 'edit-figure'; i++) await new Promise((r) => requestAnimationFrame(r));
    expect(page.mode).to.equal('edit-figure');
    expect(host.saves).to.have.length(0);
    expect(fetches).to.deep.equal([]);
  });

  it('switches to the live figure when the slide show starts, saving a pending change first', async () => {
    const host = new FakeOfficeHost({ view: 'edit', settings: { [SETTINGS_KEY]: stored() } });
    page = await startContent({ host, root, addinBase: 'https://addin.test/', config: async () => ({ platform: 'https://platform.test', clientId: 'x' }), saveDelay: 60_000 });
    const saved = new Promise<void>((resolve) => host.onSave(resolve));
    page.figure!.setValue('k', 4);
    host.setView('read');
    await saved;
    expect((host.saved[SETTINGS_KEY] as { state: { k: number } }).state.k).to.equal(4);
    expect(page.mode).to.equal('read-figure');
    expect(page.figure!.getState().k).to.equal(4);
  });

  it('offers no renewal for a figure whose right never ends (a free one), and does for one that ends', async () => {
    page = await start(new FakeOfficeHost({ view: 'edit', locale: 'zh-CN', settings: { [SETTINGS_KEY]: stored() } }));
    expect(page.mode).to.equal('edit-figure');
    expect(root.querySelector('button.renew')).to.equal(null);
    expect(root.textContent).to.not.contain('续订');
    page.destroy();
    const ending = stored({ entitlement: { actions: ['view'], expiresAt: '2999-01-01T00:00:00Z' } });
    page = await start(new FakeOfficeHost({ view: 'edit', locale: 'zh-CN', settings: { [SETTINGS_KEY]: ending } }));
    expect(root.querySelector('button.renew')!.textContent).to.equal('续订');
  });

  it('shows the poster and how to renew after the stored entitlement expired', async () => {
    const settings = { [SETTINGS_KEY]: stored({ entitlement: { actions: ['view'], expiresAt: '2024-03-01T00:00:00Z' } }) };
    page = await start(new FakeOfficeHost({ view: 'read', locale: 'zh-CN', settings }));
    expect(page.mode).to.equal('read-poster');
    expect(root.querySelector('.poster img')!.getAttribute('src')).to.equal(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(POSTER)}`);
    expect(root.querySelector('.poster .notice')!.textContent).to.match(/2024年3月1日 到期.*续订/);
    expect(root.querySelector('.netpad-board')).to.equal(null);
    page.destroy();
    page = await start(new FakeOfficeHost({ view: 'edit', locale: 'en', settings }));
    expect(page.mode).to.equal('edit-poster');
    expect(root.querySelector('button.renew')!.textContent).to.equal('Renew');
    expect(fetches).to.deep.equal([]);
  });

  it('never draws a stored document that does not validate, and shows author text as text', async () => {
    const evil = '<img src=x onerror="window.__addinXss=1">';
    const bad = stored({ document: { ...hyperbola, elements: [{ id: 'k', type: 'nope' }] } });
    page = await start(new FakeOfficeHost({ view: 'read', locale: 'en', settings: { [SETTINGS_KEY]: bad } }));
    expect(page.mode).to.equal('error');
    expect(root.textContent).to.contain('$.elements[0]');
    page.destroy();
    const titled = stored({ document: { ...hyperbola, title: evil }, poster: null, entitlement: { actions: ['view'], expiresAt: '2020-01-01T00:00:00Z' } });
    page = await start(new FakeOfficeHost({ view: 'read', locale: 'en', settings: { [SETTINGS_KEY]: titled } }));
    expect(root.querySelector('.poster-title')!.textContent).to.equal(evil);
    expect(root.querySelector('img')).to.equal(null);
    expect((window as unknown as { __addinXss?: number }).__addinXss).to.equal(undefined);
  });

  it('says why sign-in failed when the platform is unreachable, and lets the teacher try again', async () => {
    let configs = 0;
    const host = new FakeOfficeHost({ view: 'edit', locale: 'en', dialog: 'manual' });
    page = await startContent({
      host,
      root,
      addinBase: 'https://addin.test/',
      saveDelay: 0,
      config: () => {
        configs++;
        return Promise.reject(new Error('config.json: HTTP 503'));
      },
    });
    expect(page.mode).to.equal('picker');
    const button = root.querySelector<HTMLButtonElement>('button.sign-in')!;
    const alert = root.querySelector<HTMLElement>('.error')!;
    const failed = () =>
      new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (/^Sign-in failed: config\.json: HTTP 503/.test(alert.textContent ?? '') && !button.disabled) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    const first = failed();
    alert.textContent = '';
    button.click();
    await first;
    const before = configs;
    const second = failed();
    alert.textContent = '';
    button.click();
    await second;
    expect(configs, 'config.json is asked for again, not a cached failure').to.equal(before + 1);
    expect(host.dialogs).to.deep.equal([]);
  });

  it('in read view with nothing stored, says how to insert a figure', async () => {
    page = await start(new FakeOfficeHost({ view: 'read', locale: 'en' }));
    expect(page.mode).to.equal('read-empty');
    expect(root.textContent).to.contain('insert one in Normal view');
  });
});

describe('office-addin pieces', () => {
  it('has every string in zh-CN and en', () => {
    const en = Object.keys(ALL_MESSAGES.en).sort();
    expect(Object.keys(ALL_MESSAGES['zh-CN']).sort()).to.deep.equal(en);
    for (const locale of ['en', 'zh-CN'] as const) for (const key of en) expect(ALL_MESSAGES[locale][key as keyof typeof ALL_MESSAGES.en], `${locale} ${key}`).to.not.equal('');
  });

  it('says what an entitlement allows, plainly', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(describeEntitlement({ actions: ['view'], expiresAt: null, via: ['free'] }, en, 'en')).to.equal('free · view only');
    expect(describeEntitlement({ actions: ['view', 'edit', 'save_as'], expiresAt: '2026-09-01T00:00:00Z', via: ['user'] }, en, 'en')).to.equal('editable · expires on September 1, 2026');
    expect(describeEntitlement({ actions: ['view'], expiresAt: '2026-09-01T00:00:00Z', via: ['app'] }, zh, 'zh-CN')).to.equal('仅可查看 · 2026年9月1日 到期');
    expect(describeEntitlement({ actions: [], expiresAt: null, via: [] }, en, 'en')).to.match(/^not available/);
    expect(describeEntitlement({ actions: [], expiresAt: null, via: [], expired: '2025-01-31T00:00:00Z' }, zh, 'zh-CN')).to.equal('授权已于 2025年1月31日 到期');
    expect(isExpired({ entitlement: { actions: ['view'], expiresAt: '2025-01-31T00:00:00Z' } }, new Date('2025-02-01'))).to.equal(true);
    expect(isExpired({ entitlement: { actions: ['view'], expiresAt: null } })).to.equal(false);
  });

  it('takes a dialog answer only from the add-in’s origin and for its redirect page', () => {
    const options = { addinOrigin: 'https://addin.test', redirectUri: 'https://addin.test/dialog/signed-in.html' };
    const message = (url: string) => JSON.stringify({ type: 'netpad-dialog-result', url });
    const good = message('https://addin.test/dialog/signed-in.html?code=c&state=s');
    expect(checkDialogMessage(good, 'https://addin.test', options)).to.deep.equal({ url: 'https://addin.test/dialog/signed-in.html?code=c&state=s' });
    expect(checkDialogMessage(good, undefined, options)).to.have.property('url');
    expect(checkDialogMessage(good, 'https://evil.test', options)).to.deep.equal({ ignored: 'message from https://evil.test' });
    expect(checkDialogMessage(message('https://evil.test/dialog/signed-in.html?code=c'), 'https://addin.test', options)).to.have.property('ignored');
    expect(checkDialogMessage('not json', 'https://addin.test', options)).to.deep.equal({ ignored: 'not JSON' });
    expect(checkDialogMessage(JSON.stringify({ type: 'other', url: 'x' }), 'https://addin.test', options)).to.deep.equal({ ignored: 'not a sign-in result' });
  });
});
