import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addOrigin } from '@netpad/platform';
import { startLessonPlatform, LESSON_FIGURES } from '../../examples/lesson-platform/server.mjs';
import { useSiteAndBrowser } from './helpers.ts';

describe('lesson platform: a vendor backend hands its front end app tokens', () => {
  const setup = useSiteAndBrowser();
  let lesson: Awaited<ReturnType<typeof startLessonPlatform>>;
  before(async () => {
    lesson = await startLessonPlatform({ platform: setup.site().origin, port: 0 });
    addOrigin(setup.site().platform.db, 'demo-textbook', lesson.url);
  });
  after(async () => lesson?.close());

  it('shows the figures the app holds (paid junior-high ones too) with no sign-in and one token', async () => {
    const page = await setup.browser().newPage({ viewport: { width: 1280, height: 2400 } });
    const errors: string[] = [];
    const browserTokenCalls: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/token') browserTokenCalls.push(r.url());
    });
    await page.goto(`${lesson.url}/`);
    await page.waitForFunction(
      (n) => {
        const all = [...document.querySelectorAll('netpad-embed')] as unknown as { status: string }[];
        return all.length === n && all.every((el) => el.status === 'ready' || el.status === 'error');
      },
      LESSON_FIGURES.length,
    );
    const statuses = await page.$$eval('netpad-embed', (els) => els.map((el) => `${el.getAttribute('resource')}:${(el as unknown as { status: string }).status}`));
    assert.deepEqual(statuses, LESSON_FIGURES.map((id) => `${id}:ready`));
    assert.equal(lesson.stats.tokenRequests, 1, 'one token for the whole page');
    assert.deepEqual(browserTokenCalls, [], 'the browser never talks to the token endpoint: the key stays on the server');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('refuses token requests from other sites', async () => {
    const res = await fetch(`${lesson.url}/api/netpad-token`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
  });
});
