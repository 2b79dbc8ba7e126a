#!/usr/bin/env node
// A vendor's lesson platform, as small as it gets: its backend holds the app key of
// `demo-textbook` (an app that bought the junior-high catalogue) and hands its own front end
// short-lived app tokens, so the figures the app is entitled to show without any sign-in.
//
//   node examples/lesson-platform/server.mjs [--platform http://localhost:4000] [--port 4100]
//
// The app key stays here, on the server (NETPAD_APP_KEY; the demo seed's key by default).
// In a real product, /api/netpad-token would answer only your own signed-in users.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
// In your own project: import { appCredentials } from '@netpad/sdk';
import { appCredentials } from '../../packages/sdk/dist/index.js';

/** The lesson: junior-high figures, the free one and those the app holds. */
export const LESSON_FIGURES = ['hyperbola-rectangle', 'linear-function', 'parabola-vertex', 'triangle-centres', 'similar-triangles', 'tangent-radius'];

const page = ({ platform, figures }) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>课堂平台 · 初二数学 · A vendor's lesson</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6 }
  body { max-width: 980px; margin: 0 auto; padding: 1rem }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem }
  .note { color: #607d8b }
</style>
<script type="module" src="/app.js"></script>
</head>
<body>
<h1>课堂平台 · 初二数学</h1>
<p class="note">这些图形由本平台的应用 <code>demo-textbook</code> 统一购买：学生无需登录。
These figures come with this site's licence (the app <code>demo-textbook</code>): no sign-in.</p>
<div class="grid">
${figures.map((id) => `<netpad-embed resource="${id}" platform="${platform}" client-id="demo-textbook"></netpad-embed>`).join('\n')}
</div>
</body>
</html>`;

// The front end: one client for the page, whose tokens come from this site's backend.
const app = ({ platform }) => `import { configureNetpad, NetpadClient } from '${platform}/lib/embed/netpad-embed.js';

let current;
let pending;
const tokenProvider = {
  async getToken() {
    if (current && current.until > Date.now()) return current.token;
    // Many figures ask at once: one request answers them all.
    pending ??= fetch('/api/netpad-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      .then(async (r) => {
        if (!r.ok) throw new Error('token endpoint answered ' + r.status);
        const { access_token, expires_at } = await r.json();
        current = { token: access_token, until: expires_at * 1000 - 30000 };
        return access_token;
      })
      .finally(() => (pending = undefined));
    return pending;
  },
  invalidate() {
    current = undefined;
  },
};
configureNetpad({ client: new NetpadClient({ platform: '${platform}', clientId: 'demo-textbook', tokenProvider }), mode: 'inline' });
`;

/** Expiry (seconds) of a JWT, read without verifying: the platform checks it, we only cache it. */
function expiresAt(jwt) {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return Number(payload.exp);
}

/** Starts the lesson platform; resolves when it listens. */
export async function startLessonPlatform({ platform, port = 4100, host = '127.0.0.1', clientId = 'demo-textbook', appKey = process.env.NETPAD_APP_KEY ?? 'demo-textbook-key', figures = LESSON_FIGURES }) {
  const origin = new URL(platform).origin;
  const tokens = appCredentials({ platform: origin, clientId, appKey });
  const stats = { tokenRequests: 0 };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    try {
      if (request.method === 'GET' && url.pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(page({ platform: origin, figures }));
      } else if (request.method === 'GET' && url.pathname === '/app.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(app({ platform: origin }));
      } else if (request.method === 'POST' && url.pathname === '/api/netpad-token') {
        // Only this site's own pages may ask (a cross-site form or fetch carries another Origin).
        const from = request.headers.origin;
        if (from && from !== `http://${request.headers.host}` && from !== `https://${request.headers.host}`) {
          response.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"forbidden"}');
          return;
        }
        stats.tokenRequests++;
        const token = await tokens.getToken();
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ access_token: token, expires_at: expiresAt(token) }));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      }
    } catch (err) {
      response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'platform_unavailable', detail: String(err?.message ?? err) }));
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actual = server.address().port;
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}`,
    stats,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { platform: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } } });
  const platform = values.platform ?? process.env.NETPAD_PLATFORM ?? 'http://localhost:4000';
  const running = await startLessonPlatform({ platform, port: Number(values.port ?? process.env.LESSON_PORT ?? 4100), host: values.host ?? 'localhost' });
  console.log(`Lesson platform (demo-textbook): ${running.url}/  → figures from ${platform}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
