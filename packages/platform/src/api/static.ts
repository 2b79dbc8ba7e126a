import type { FastifyInstance } from 'fastify';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

/** Pages that prove figures need neither eval nor inline scripts. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serves a folder under a URL prefix; paths that climb out of it are 404. */
export function serveFolder(app: FastifyInstance, prefix: string, dir: string, options: { strictCspSubfolder?: string; crossOrigin?: boolean } = {}): void {
  const strictCspSubfolder = options.strictCspSubfolder;
  const strictDir = strictCspSubfolder ? join(dir, strictCspSubfolder) : undefined;
  app.get(`${prefix}*`, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'] ?? '';
    // find-my-way has already decoded the path; a decoded '..' is caught below.
    let file = normalize(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return reply.code(404).type('text/plain').send('Not found\n');
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        if (rest && !rest.endsWith('/')) return reply.redirect(`${prefix}${rest}/`, 301);
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      return reply.code(404).type('text/plain').send('Not found\n');
    }
    reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('content-length', stat.size)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff');
    // Libraries are loaded by other sites' pages as modules, which browsers fetch with CORS.
    if (options.crossOrigin) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    // Decided on the file served, not the URL as written (//csp/ and %63sp/ reach the same files).
    if (strictDir && (file + sep).startsWith(strictDir + sep)) reply.header('content-security-policy', STRICT_CSP);
    return reply.send(createReadStream(file));
  });
}
