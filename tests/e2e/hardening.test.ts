// Issue 11's browser findings, in Chromium: a first-party page framed by another site, and a
// public embed told to talk to a page that did not frame it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, useSiteAndBrowser } from './helpers.ts';

describe('hardening in the browser', () => {
  const setup = useSiteAndBrowser();
  let attacker: Awaited<ReturnType<typeof startSite>>;
  let messages: Awaited<ReturnType<typeof startSite>>;
  before(async () => {
    const platform = setup.site().origin;
    attacker = await startSite({
      // The clickjacking page: the platform's buy page under a transparent layer of bait.
      '/frame-shop.html': `<!doctype html><title>win a prize</title><iframe id="f" onload="window.loaded=true" src="${platform}/examples/sdk/" style="opacity:0.01" width="800" height="600"></iframe>`,
      '/frame-account.html': `<!doctype html><iframe id="f" onload="window.loaded=true" src="${platform}/examples/account/"></iframe>`,
    });
    // A page that frames a public embed and claims another origin in parent_origin, and one
    // that frames it honestly; both record what the frame tells them.
    messages = await startSite({
      '/liar.html': `<!doctype html><script>window.got=[];addEventListener('message',(e)=>got.push(e.data))</script><iframe id="f" width="600" height="450" src="${platform}/embed/hyperbola-rectangle?parent_origin=${encodeURIComponent('https://victim.example')}"></iframe>`,
      '/honest.html': `<!doctype html><script>window.got=[];addEventListener('message',(e)=>got.push(e.data))</script><iframe id="f" width="600" height="450"></iframe><script>document.getElementById('f').src = ${JSON.stringify(platform)} + '/embed/ellipse-foci?parent_origin=' + encodeURIComponent(location.origin)</script>`,
    });
  });
  after(async () => {
    await attacker?.close();
    await messages?.close();
  });

  for (const page of ['frame-shop', 'frame-account']) {
    it(`refuses to show a first-party page inside another site's frame (${page})`, async () => {
      const tab = await setup.browser().newPage();
      const refused = tab.waitForEvent('console', { predicate: (m) => /frame-ancestors|X-Frame-Options/i.test(m.text()) });
      await tab.goto(`${attacker.origin}/${page}.html`);
      // Before: the page loaded in the frame and one click bought a figure with the reader's session.
      assert.match((await refused).text(), /frame-ancestors|X-Frame-Options/i);
      await tab.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
      // Chromium put its error page in the frame: no button of the platform's page is there.
      const frame = tab.frames().find((f) => f !== tab.mainFrame());
      assert.ok(frame);
      assert.doesNotMatch(frame.url(), /\/examples\//);
      assert.equal(await frame.locator('button').count(), 0);
      await tab.close();
    });
  }

  it('a public embed talks only to the page that framed it, and tells it nothing about the reader’s rights', async () => {
    const tab = await setup.browser().newPage();
    // The honest page names its own origin.
    await tab.goto(`${messages.origin}/honest.html`);
    const embed = tab.frames().find((f) => f !== tab.mainFrame())!;
    await embed.waitForSelector('netpad-embed');
    // ellipse-foci is paid: the anonymous reader gets the sign-in panel inside the frame.
    await embed.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'sign-in');
    // Messages from one frame arrive in order: a resize made now comes after anything the
    // status change would have sent.
    await embed.evaluate(() => {
      const tall = document.createElement('div');
      tall.style.height = '900px';
      document.body.append(tall);
    });
    await tab.waitForFunction(() => (window as unknown as { got: { type?: string; height?: number }[] }).got.some((m) => m.type === 'resize' && (m.height ?? 0) > 900));
    const told = await tab.evaluate(() => (window as unknown as { got: { type: string }[] }).got.map((m) => m.type));
    assert.ok(told.includes('hello'));
    // The frame asks for sign-in, but says nothing of it to the page.
    assert.ok(!told.some((t) => ['status', 'auth-required', 'error'].includes(t)), told.join(','));

    // A page that claims another origin hears nothing at all: nothing is ever sent to '*'.
    await tab.goto(`${messages.origin}/liar.html`);
    const frame = tab.frames().find((f) => f !== tab.mainFrame())!;
    await frame.waitForSelector('netpad-embed');
    await frame.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'ready');
    const liarGot = await tab.evaluate(() => (window as unknown as { got: unknown[] }).got.length);
    assert.equal(liarGot, 0);
    await tab.close();
  });
});
