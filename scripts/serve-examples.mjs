// Serves the examples and the browser bundles on http://localhost:4000 (or $PORT).
// A plain static server: the platform (a later package) takes over this job when it exists.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** URL prefix → folder. Longest prefix first. */
export const MOUNTS = [
  ['/lib/embed/', join(root, 'packages/embed-element/dist/browser')],
  ['/examples/', join(root, 'examples')],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
};

/** Pages that must prove figures need neither eval nor inline scripts. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function resolvePath(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const rest = decodeURIComponent(pathname.slice(prefix.length));
    const file = normalize(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return undefined; // ../ escapes
    return file;
  }
  return undefined;
}

export function createExamplesServer() {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/examples') {
      res.writeHead(302, { location: '/examples/' }).end();
      return;
    }
    let file;
    try {
      file = resolvePath(url.pathname);
    } catch {
      file = undefined; // a malformed %-escape
    }
    let stat;
    try {
      if (file) stat = statSync(file);
      if (stat?.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/` }).end();
          return;
        }
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      stat = undefined;
    }
    if (!file || !stat?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (url.pathname.startsWith('/examples/csp/')) headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? 'localhost';
  createExamplesServer().listen(port, host, () => {
    console.log(`Netpad examples: http://${host}:${port}/examples/`);
  });
}
