// The benchmark's server, in its own process so that the browser driver in bench/run.mjs does
// not share its event loop: the real platform (seeded, in-memory store) on a free loopback port,
// plus two read-only folders mounted on it for the benchmark:
//   /bench/pages/    bench/pages (the embed and bare JSXGraph pages)
//   /bench/jsxgraph/ JSXGraph's own distribution (jsxgraphcore.js, jsxgraph.css), the version
//                    @netpad/figure depends on
// Everything is same-origin: the pages, the element bundle (/lib/embed/), the figure document
// (/v1/figures/…/document) and JSXGraph are all served from one place, with the same headers.
// Prints one JSON line {"url": …} once it listens; stops on SIGTERM / SIGINT.
import { realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlatform, serveFolder } from '@netpad/platform';

const root = fileURLToPath(new URL('..', import.meta.url));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = Number(process.env.BENCH_PORT) || (await freePort());
const url = `http://127.0.0.1:${port}`;
// Rate limits off: the benchmark measures the platform, not its limits.
const platform = await createPlatform({
  dbFile: ':memory:',
  port,
  baseUrl: url,
  seed: true,
  rateLimit: { appPerMinute: 0, userPerMinute: 0, anonymousPerMinute: 0, pagesPerMinute: 0, authorizationPerMinute: 0 },
});
// The platform's own static serving: the same headers as /lib/embed/.
serveFolder(platform.app, '/bench/pages/', join(root, 'bench/pages'));
serveFolder(platform.app, '/bench/jsxgraph/', join(realpathSync(join(root, 'packages/figure/node_modules/jsxgraph')), 'distrib'));
await platform.app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  platform.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// Started by bench/run.mjs: when the runner dies without telling us, its end of our stdin
// closes, and we do not outlive it.
if (process.env.BENCH_LIFELINE === 'stdin') {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
