import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createHash, randomBytes } from 'node:crypto';
import { createApp, DEMO_TEACHER_FIGURES, WEB_CLIENT_ID } from '@netpad/platform';
import { startPlatform, userToken, type Running } from './helpers.ts';
import { FlowBrowser, formAction } from './browser-flow.ts';

interface EmbedConfig {
  platform: string;
  clientId: string;
  figureId: string;
  lang: string;
  parentOrigin: string | null;
  mode: string;
  purchase: boolean;
}

const configOf = (html: string): EmbedConfig => JSON.parse(new JSDOM(html).window.document.getElementById('netpad-config')!.textContent!) as EmbedConfig;
const frameAncestors = (res: Response) => /frame-ancestors ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

describe('embed frame, figure pages and oEmbed', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());
  const get = (path: string, init: RequestInit = {}) => fetch(`${run.url}${path}`, init);

  it('lets only the app’s registered sites frame /embed/:id, and tells the frame whom it may answer', async () => {
    const res = await get(`/embed/hyperbola-rectangle?client_id=demo-blog&lang=zh-CN&parent_origin=${encodeURIComponent(run.url)}`);
    assert.equal(res.status, 200);
    assert.equal(frameAncestors(res), run.url);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'self';/);
    const config = configOf(await res.text());
    assert.deepEqual(config, { platform: run.url, clientId: 'demo-blog', figureId: 'hyperbola-rectangle', lang: 'zh-CN', parentOrigin: run.url, publicEmbed: false, mode: 'frame', purchase: true });

    // A parent origin the app did not register is not trusted with messages.
    const other = configOf(await (await get('/embed/hyperbola-rectangle?client_id=demo-blog&parent_origin=https%3A%2F%2Fevil.example')).text());
    assert.equal(other.parentOrigin, null);
    const notOrigin = configOf(await (await get('/embed/hyperbola-rectangle?client_id=demo-blog&parent_origin=javascript%3Aalert(1)')).text());
    assert.equal(notOrigin.parentOrigin, null);
  });

  it('sends an app’s embed opened as a page of its own (not in a frame) to the public figure page', async () => {
    const res = await get('/embed/pythagoras?client_id=demo-blog', { redirect: 'manual', headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/figures/pythagoras');
    const framed = await get('/embed/pythagoras?client_id=demo-blog', { headers: { 'sec-fetch-dest': 'iframe' } });
    assert.equal(framed.status, 200);
  });

  it('serves a public embed (oEmbed) to any site, signing in as the platform’s own app and never selling in place', async () => {
    const res = await get('/embed/pythagoras?lang=en&parent_origin=https%3A%2F%2Fblog.example');
    assert.equal(res.status, 200);
    assert.equal(frameAncestors(res), '*');
    const config = configOf(await res.text());
    assert.equal(config.clientId, WEB_CLIENT_ID);
    assert.equal(config.purchase, false);
    assert.equal(config.lang, 'en');
  });

  it('refuses unknown and confidential apps with a page that says why', async () => {
    for (const id of ['no-such-app', 'demo-textbook', '']) {
      const res = await get(`/embed/pythagoras?client_id=${id}`, { headers: { 'accept-language': 'en' } });
      assert.equal(res.status, 400, id);
      assert.equal(frameAncestors(res), '*');
      assert.match(await res.text(), /not set up correctly/);
    }
  });

  it('answers an unknown figure with 404 and the page (the element in it says "not found"), escaping what came in the URL', async () => {
    const res = await get(`/embed/${encodeURIComponent('</script><script>alert(1)</script>')}?client_id=demo-blog`);
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.ok(!html.includes('<script>alert(1)'), 'the id cannot close the config block');
    assert.equal(configOf(html).figureId, '</script><script>alert(1)</script>');
  });

  it('draws the figure page’s address as a QR code, for frames that can open no window', async () => {
    const res = await get('/figures/ellipse-foci/qr.svg?lang=en');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^image\/svg\+xml/);
    const svg = await res.text();
    const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
    const [, , size] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    // Version 3 or 4 for an address this long (29 or 33 modules) plus the quiet zone of 4 on each side.
    assert.ok([29 + 8, 33 + 8, 37 + 8].includes(size!), `viewBox ${size}`);
    assert.ok(doc.querySelector('path')!.getAttribute('d')!.length > 1000, 'the modules are drawn');
    assert.match(doc.querySelector('title')!.textContent!, /ellipse|椭圆/i);
    assert.equal((await get('/figures/no-such-figure/qr.svg')).status, 404);
  });

  it('escapes author text in the pages', async () => {
    run.platform.db.run('UPDATE figures SET title_en = ? WHERE id = ?', '<img src=x onerror=alert(1)>', 'sine-wave');
    for (const path of ['/figures/sine-wave?lang=en', '/embed/sine-wave?lang=en']) {
      const html = await (await get(path)).text();
      assert.ok(!html.includes('<img src=x'), path);
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), path);
    }
    const oembed = (await (await get(`/oembed?url=${encodeURIComponent(`${run.url}/figures/sine-wave`)}&lang=en`)).json()) as { html: string; title: string };
    assert.equal(oembed.title, '<img src=x onerror=alert(1)>');
    assert.ok(!oembed.html.includes('<img'), oembed.html);
  });

  it('serves a public page per figure, in the reader’s language, with the oEmbed discovery link and embed instructions', async () => {
    const res = await get('/figures/hyperbola-rectangle', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.equal(res.status, 200);
    assert.equal(frameAncestors(res), "'none'");
    const { document } = new JSDOM(await res.text()).window;
    assert.equal(document.documentElement.lang, 'zh-CN');
    assert.match(document.querySelector('h1')!.textContent!, /反比例函数/);
    const link = document.querySelector('link[type="application/json+oembed"]')!;
    assert.equal(new URL(link.getAttribute('href')!).searchParams.get('url'), `${run.url}/figures/hyperbola-rectangle`);
    assert.match(document.body.textContent!, /\[netpad id="hyperbola-rectangle"\]/);
    assert.match(document.body.textContent!, /\/lib\/widget\/netpad\.js/);
    assert.equal(configOf(await (await get('/figures/hyperbola-rectangle')).text()).mode, 'page');
    // Where a teacher finds it in her own edition's book.
    assert.equal(document.querySelector('#places-title')!.textContent, '在教材中的位置');
    assert.deepEqual([...document.querySelectorAll('section.places li')].map((li) => li.textContent), [
      '人教版 › 九年级下册 › 第二十六章 反比例函数 › 26.1 反比例函数',
      '北师大版 › 九年级上册 › 第六章 反比例函数 › 6.2 反比例函数的图象与性质',
      '湘教版 › 九年级上册 › 第1章 反比例函数 › 1.2 反比例函数的图象与性质',
    ]);

    const en = await get('/figures/hyperbola-rectangle', { headers: { 'accept-language': 'en-GB' } });
    const enText = await en.text();
    assert.match(enText, /Put this figure in your blog/);
    assert.match(enText, /<li>PEP edition › Grade 9, volume 2 › Chapter 26 Inverse proportion functions › 26.1 Inverse proportion functions<\/li>/);
    // A figure in no book has no such list.
    assert.equal(new JSDOM(await (await get('/figures/cycloid')).text()).window.document.querySelector('section.places'), null);
    const missing = await get('/figures/no-such-figure', { headers: { 'accept-language': 'en' } });
    assert.equal(missing.status, 404);
    assert.match(new JSDOM(await missing.text()).window.document.body.textContent!, /There is no figure “?"?no-such-figure/);
  });

  it('answers oEmbed: rich, an iframe of the public embed, the poster as thumbnail, within maxwidth and maxheight', async () => {
    const page = `${run.url}/figures/hyperbola-rectangle`;
    const res = await get(`/oembed?url=${encodeURIComponent(page)}&format=json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.version, '1.0');
    assert.equal(body.type, 'rich');
    assert.equal(body.provider_name, 'Netpad');
    assert.equal(body.width, 640);
    assert.equal(body.height, 480);
    assert.equal(body.thumbnail_url, `${run.url}/v1/figures/hyperbola-rectangle/poster.svg`);
    const iframe = new JSDOM(body.html as string).window.document.querySelector('iframe')!;
    assert.equal(new URL(iframe.src).pathname, '/embed/hyperbola-rectangle');
    assert.equal(new URL(iframe.src).searchParams.get('client_id'), null, 'a public embed');
    // On a phone the frame narrows and keeps the figure's shape (no fixed 450 px band).
    assert.equal(iframe.style.width, '100%');
    assert.equal(iframe.style.height, 'auto');
    assert.match(iframe.getAttribute('style')!, new RegExp(`max-width:${body.width}px;height:auto;aspect-ratio:${body.width} / ${body.height}`));

    const small = (await (await get(`/oembed?url=${encodeURIComponent(page)}&maxwidth=320`)).json()) as { width: number; height: number };
    assert.deepEqual([small.width, small.height], [320, 240]);
    const short = (await (await get(`/oembed?url=${encodeURIComponent(page)}&maxwidth=800&maxheight=300`)).json()) as { width: number; height: number; html: string };
    assert.ok(short.height <= 300 && short.width <= 800, `${short.width} × ${short.height}`);
    assert.match(short.html, new RegExp(`width="100%" height="${short.height}"`), 'WordPress keeps only attributes: the width is the column’s');
    // The blockquote makes WordPress load its embed script (which sizes the frame); others keep it hidden.
    const quote = new JSDOM(body.html as string).window.document.querySelector('blockquote')!;
    assert.equal(quote.style.display, 'none');
    assert.equal(quote.querySelector('a')!.href, page);

    assert.equal((await get(`/oembed?url=${encodeURIComponent(page)}&format=xml`)).status, 501);
    assert.equal((await get(`/oembed?url=${encodeURIComponent('https://elsewhere.example/figures/hyperbola-rectangle')}`)).status, 404);
    assert.equal((await get(`/oembed?url=${encodeURIComponent(`${run.url}/figures/no-such-figure`)}`)).status, 404);
    assert.equal((await get('/oembed')).status, 400);
    assert.equal((await get(`/oembed?url=${encodeURIComponent(`${run.url}/figures/%E0`)}`)).status, 404);
    assert.equal((await get(`/oembed?url=${encodeURIComponent(page)}&maxwidth=-3`)).status, 400);
    assert.equal((await get('/oembed?url=not%20a%20url')).status, 400);
  });

  it('accepts the platform’s /embed/signed-in as a redirect for every public app, and nothing else unregistered', async () => {
    const authorize = (redirect: string) => {
      const url = new URL('/auth', run.url);
      for (const [k, v] of Object.entries({
        client_id: 'demo-blog',
        response_type: 'code',
        scope: 'openid figures',
        redirect_uri: redirect,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }))
        url.searchParams.set(k, v);
      return fetch(url, { redirect: 'manual' });
    };
    const ok = await authorize(`${run.url}/embed/signed-in`);
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location')!, /\/interaction\//);
    const bad = await authorize(`${run.url}/embed/elsewhere`);
    assert.equal(bad.status, 400);
    const page = await get('/embed/signed-in');
    assert.equal(page.status, 200);
    assert.equal(frameAncestors(page), "'none'");
  });

  it('tells a reader whose right lapsed when it ended, and not others', async () => {
    const token = await userToken(run.url, 'teacher', 'teacher-demo');
    const res = await get('/v1/entitlements/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [DEMO_TEACHER_FIGURES.owned, DEMO_TEACHER_FIGURES.expired, 'triangle-centres', 'pythagoras'] }),
    });
    const { entitlements } = (await res.json()) as { entitlements: Record<string, { actions: string[]; expired?: string }> };
    assert.deepEqual(entitlements[DEMO_TEACHER_FIGURES.owned]!.actions, ['view', 'edit', 'save_as']);
    assert.deepEqual(entitlements[DEMO_TEACHER_FIGURES.expired]!.actions, []);
    assert.ok(Date.parse(entitlements[DEMO_TEACHER_FIGURES.expired]!.expired!) < Date.now());
    assert.equal(entitlements['triangle-centres']!.expired, undefined);
    assert.equal(entitlements.pythagoras!.expired, undefined);
    // Without a token nobody's history shows.
    const anonymous = await get('/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [DEMO_TEACHER_FIGURES.expired] }) });
    assert.equal(((await anonymous.json()) as { entitlements: Record<string, { expired?: string }> }).entitlements[DEMO_TEACHER_FIGURES.expired]!.expired, undefined);
  });
});

describe('an app registered as the blog-widget README says (only its own site)', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
    // `netpad-platform apps create my-blog --public --origin https://my.blog`
    const pepper = run.platform.db.one<{ value: string }>(`SELECT value FROM settings WHERE key = 'app_key_pepper'`)!.value;
    createApp(run.platform.db, pepper, { clientId: 'my-blog', name: 'My blog', kind: 'public', origins: ['https://my.blog'], redirectUris: ['https://my.blog/'] });
  });
  after(() => run.close());

  it('signs a reader in inside its embed frame: the frame’s origin is the platform’s own', async () => {
    const redirect = `${run.url}/embed/signed-in`;
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL('/auth', run.url);
    for (const [k, v] of Object.entries({
      client_id: 'my-blog',
      response_type: 'code',
      redirect_uri: redirect,
      scope: 'openid figures',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      auth.searchParams.set(k, v);
    const browser = new FlowBrowser(run.url);
    let step = await browser.follow(auth.href);
    step = await browser.postForm(formAction(await step.res.text(), '/login'), { username: 'teacher', password: 'teacher-demo' });
    step = await browser.postForm(formAction(await step.res.text(), '/confirm'), {});
    const code = new URL(step.res.headers.get('location') ?? step.url, run.url).searchParams.get('code');
    assert.ok(code, `no code at ${step.url}`);
    // The frame on the platform's origin redeems the code, as the embed's sign-in does.
    const exchange = (origin: string, c: string) =>
      fetch(`${run.url}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: redirect, client_id: 'my-blog', code_verifier: verifier }),
      });
    // Before: 400 "origin … not allowed for client: my-blog", and the reader saw "retry" forever.
    const res = await exchange(new URL(run.url).origin, code);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('access-control-allow-origin'), new URL(run.url).origin);
    const { access_token } = (await res.json()) as { access_token: string };
    assert.equal((await fetch(`${run.url}/v1/wallet`, { headers: { authorization: `Bearer ${access_token}` } })).status, 200);
    // A site the app did not register still may not.
    const stranger = await exchange('https://evil.example', code);
    assert.equal(stranger.status, 400);
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    assert.match(((await stranger.json()) as { error_description: string }).error_description, /origin https:\/\/evil\.example not allowed/);
  });
});
