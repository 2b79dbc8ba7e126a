// One runner for every browser package: each package is a group, all in real Chromium.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';

const executablePath = findChrome();

export default {
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) })],
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
  ],
};
