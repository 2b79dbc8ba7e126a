// One runner for every browser package: each package is a group, all in real Chromium.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';

const executablePath = findChrome();

/**
 * `netpad-touch-tap` and `netpad-touch-drag`: real touch input through the DevTools protocol
 * (Input.dispatchTouchEvent), for tests of what a finger does; the page sees touch pointer events.
 */
const touchCommands = {
  name: 'netpad-touch',
  async executeCommand({ command, payload, session }) {
    if (command !== 'netpad-touch-tap' && command !== 'netpad-touch-drag') return undefined;
    const page = session.browser.getPage(session.id);
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      const path = command === 'netpad-touch-tap' ? [payload.position] : payload.path;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: path[0][0], y: path[0][1] }] });
      for (const [x, y] of path.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    } finally {
      await cdp.detach();
    }
    return true;
  },
};

export default {
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [touchCommands, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'] },
    }),
  ],
  concurrency: 1,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 20000 } },
  groups: [
    { name: 'figure', files: 'packages/figure/src/**/*.test.ts' },
    { name: 'embed', files: 'packages/embed-element/src/**/*.test.ts' },
    { name: 'blog-widget', files: 'packages/blog-widget/src/**/*.test.ts' },
    { name: 'office-addin', files: 'packages/office-addin/src/**/*.test.ts' },
    { name: 'editor', files: 'packages/editor/src/**/*.test.ts' },
  ],
};
