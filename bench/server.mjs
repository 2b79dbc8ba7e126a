// The benchmark's server, in its own process so that the browser driver in bench/run.mjs does
// not share its event loop: the real platform (seeded, in-memory store) on a free loopback port,
// plus two read-only folders mounted on it for the benchmark:
//   /bench/pages/    bench/pages (the embed and bare JSXGraph pages)
//   /bench/jsxgraph/ JSXGraph's own distribution (jsxgraphcore.js, jsxgraph.css), the version
//                    @netpad/figure depends on
// Everything is same-origin: the pages, the element bundle (/lib/embed/), the figure document
// (/v1/figures/…/document) and JSXGraph are all served from one place, with the same headers.
// Prints one JSON line {"url": …} once it listens; stops on SIGTERM / SIGINT.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlatform } from '@netpad/platform';

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

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Same headers as the platform's own static folders (no-cache, exact length, nosniff). */
function mount(app, prefix, dir) {
  app.get(`${prefix}*`, async (request, reply) => {
    const rest = request.params['*'] ?? '';
    const file = normalize(join(dir, rest));
    if (!file.startsWith(dir + sep)) return reply.code(404).type('text/plain').send('Not found\n');
    let stat;
    try {
      stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
    } catch {
      return reply.code(404).type('text/plain').send('Not found\n');
    }
    reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('content-length', stat.size)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff');
    return reply.send(createReadStream(file));
  });
}

const port = Number(process.env.BENCH_PORT) || (await freePort());
const url = `http://127.0.0.1:${port}`;
const platform = await createPlatform({ dbFile: ':memory:', port, baseUrl: url });
mount(platform.app, '/bench/pages/', join(root, 'bench/pages'));
mount(platform.app, '/bench/jsxgraph/', join(realpathSync(join(root, 'packages/figure/node_modules/jsxgraph')), 'distrib'));
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
