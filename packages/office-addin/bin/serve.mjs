#!/usr/bin/env node
/**
 * Serves the add-in's pages (dist/): over HTTPS with office-addin-dev-certs certificates for
 * PowerPoint (`pnpm --filter @netpad/office-addin start`), or over plain HTTP on loopback for
 * tests (`startAddinServer({ https: false, port: 0 })`).
 *
 *   node bin/serve.mjs [--port 3000] [--host localhost] [--platform http://localhost:4000]
 *                      [--client-id demo-office] [--office-js local|cdn]
 *                      [--http | --cert FILE --key FILE] [--testing]
 *
 * Also serves /config.json (the platform and client id the pages use) and /office-js/ (the
 * npm copy of Office.js, or a redirect to Microsoft's CDN with --office-js cdn).
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import { readFileSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', 'dist');
const require = createRequire(import.meta.url);
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};

function officeJsDir() {
  try {
    return join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** A file under `root`, or undefined: never a path outside it. */
async function fileUnder(root, path) {
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/**
 * office-addin-dev-certs' localhost certificate. It makes a developer CA and a localhost
 * certificate (in ~/.office-addin-dev-certs) and asks the system to trust the CA, which needs an
 * administrator (Windows, macOS) or sudo (Linux). If trusting fails, serve with the certificate
 * anyway and say how to trust it: Office refuses an untrusted add-in, a browser shows a warning.
 */
async function devCertificates() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const dir = join(homedir(), '.office-addin-dev-certs');
    const read = (name) => readFileSync(join(dir, name));
    let tls;
    try {
      tls = { ca: read('ca.crt'), cert: read('localhost.crt'), key: read('localhost.key') };
    } catch {
      throw err;
    }
    console.warn(
      [
        `warning: the developer CA is not trusted (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`,
        '  Serving HTTPS with its certificate anyway; Office will not load the add-in until the CA is trusted.',
        '  Trust it as an administrator:  pnpm --filter @netpad/office-addin exec office-addin-dev-certs install',
        `  or import ${join(dir, 'ca.crt')} into the system's trusted root certificates by hand.`,
      ].join('\n'),
    );
    return tls;
  }
}

/**
 * Starts the server. `https`: true for office-addin-dev-certs' localhost certificate (made and
 * trusted on first use), an object `{ key, cert }` for your own, false for plain HTTP.
 * Returns its `url` (the add-in's base URL, ending in `/`) and `close()`.
 */
export async function startAddinServer(options = {}) {
  const {
    port = 3000,
    host = 'localhost',
    platform = 'http://localhost:4000',
    clientId = 'demo-office',
    officeJs = 'local',
    testing = false,
    dist = DIST,
  } = options;
  const platformOrigin = new URL(platform).origin;
  const officeDir = officeJsDir();
  const config = JSON.stringify({ platform: platformOrigin, clientId });
  const csp = [
    `script-src 'self'${officeJs === 'cdn' ? ' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com' : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${platformOrigin}`,
    `connect-src 'self' ${platformOrigin} https:`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

  const handler = async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed', { allow: 'GET, HEAD' });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') return send(302, '', { location: '/content.html' });
      if (path === '/config.json') return send(200, config, { 'content-type': TYPES['.json'] });
      if (path.startsWith('/office-js/')) {
        const rest = path.slice('/office-js/'.length);
        if (officeJs === 'cdn' || !officeDir) return send(302, '', { location: OFFICE_CDN + rest });
        const file = await fileUnder(officeDir, rest);
        if (!file) return send(404, 'Not found', { 'content-type': 'text/plain' });
        return send(200, await readFile(file), { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=3600' });
      }
      // The fake-host page is for tests only.
      if (!testing && /^\/testing-/.test(path)) return send(404, 'Not found', { 'content-type': 'text/plain' });
      const file = await fileUnder(dist, path.slice(1));
      if (!file) return send(404, 'Not found', { 'content-type': 'text/plain' });
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      return send(200, await readFile(file), { 'content-type': type, ...(type.startsWith('text/html') ? { 'content-security-policy': csp, 'referrer-policy': 'no-referrer' } : {}) });
    } catch (err) {
      send(500, `Internal error: ${err instanceof Error ? err.message : String(err)}`, { 'content-type': 'text/plain' });
    }
  };

  let server;
  let scheme = 'http';
  if (options.https === false) {
    server = createHttpServer(handler);
  } else {
    scheme = 'https';
    const tls = typeof options.https === 'object' ? options.https : await devCertificates();
    server = createHttpsServer(tls, handler);
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  return {
    url,
    origin: new URL(url).origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: 'localhost' },
      platform: { type: 'string', default: process.env.NETPAD_PLATFORM ?? 'http://localhost:4000' },
      'client-id': { type: 'string', default: process.env.NETPAD_CLIENT_ID ?? 'demo-office' },
      'office-js': { type: 'string', default: 'local' },
      http: { type: 'boolean', default: false },
      testing: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('node bin/serve.mjs [--port 3000] [--host localhost] [--platform URL] [--client-id ID] [--office-js local|cdn] [--http | --cert FILE --key FILE] [--testing]');
    process.exit(0);
  }
  const running = await startAddinServer({
    port: Number(values.port),
    host: values.host,
    platform: values.platform,
    clientId: values['client-id'],
    officeJs: values['office-js'] === 'cdn' ? 'cdn' : 'local',
    https: values.http ? false : values.cert && values.key ? { cert: readFileSync(values.cert), key: readFileSync(values.key) } : true,
    testing: values.testing,
  });
  console.log(`Netpad add-in: ${running.url}content.html (platform ${values.platform}, client ${values['client-id']})`);
  console.log('Sideload manifest.xml from the repository root (see packages/office-addin/README.md).');
  if (values.testing) console.log(`Without PowerPoint: ${running.url}testing-content.html?view=edit&locale=zh-CN (see TESTING.md)`);
}
