import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.map', '.json', '.css', '.svg', '.md', '.txt']);

/** Below this, compression saves less than the header it costs. */
const MIN_COMPRESS_BYTES = 1024;
/** Written by scripts/rollup-precompress.mjs beside the bundles: the content-hashed files. */
const ASSETS_MANIFEST = 'netpad-assets.json';

/** Pages that prove figures need neither eval nor inline scripts. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * First-party pages (the examples): their own scripts only, and never inside another site's
 * frame, where a click on "Buy" could be stolen with the reader's session (clickjacking). The
 * platform's own pages may frame them (the SDK example shows itself in a sandboxed frame).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The best encoding a request accepts among those we have (RFC 9110 §12.5.3): `q=0` refuses
 * one, `*` stands for any not named, and identity is acceptable unless refused.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? q.get(e === 'gzip' ? 'x-gzip' : e) ?? (e === 'identity' ? (q.get('*') ?? 1) : (q.get('*') ?? 0));
  let best: Encoding | undefined;
  // Listed from smallest to largest, so a tie goes to the smaller body.
  for (const e of available) if (weight(e) > 0 && (best === undefined || weight(e) > weight(best))) best = e;
  return best;
}

/** What a file on disk can be sent as: the file itself and any precompressed copies beside it. */
interface Variant {
  encoding: Encoding;
  size: number;
  /** Set for a copy compressed here (a file the build did not precompress). */
  body?: Buffer;
  file?: string;
}

/**
 * Compressed copies of files the build did not precompress (the examples), made once per file
 * version and kept within a byte budget, so no request compresses what an earlier one did.
 */
class CompressedCache {
  readonly #entries = new Map<string, { key: string; br: Buffer; gzip: Buffer }>();
  #bytes = 0;
  constructor(private readonly budget: number) {}

  get(file: string, stat: Stats): { br: Buffer; gzip: Buffer } {
    const key = `${stat.size}:${stat.mtimeMs}`;
    const hit = this.#entries.get(file);
    if (hit && hit.key === key) {
      this.#entries.delete(file);
      this.#entries.set(file, hit);
      return hit;
    }
    if (hit) this.#drop(file);
    const body = readFileSync(file);
    // Quality 9 is near the best ratio at a fraction of the time of 11 (the build uses 11).
    const entry = { key, br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }), gzip: gzipSync(body, { level: 9 }) };
    this.#entries.set(file, entry);
    this.#bytes += entry.br.length + entry.gzip.length;
    while (this.#bytes > this.budget && this.#entries.size > 1) this.#drop(this.#entries.keys().next().value!);
    return entry;
  }

  #drop(file: string) {
    const entry = this.#entries.get(file);
    if (!entry) return;
    this.#bytes -= entry.br.length + entry.gzip.length;
    this.#entries.delete(file);
  }
}

function statFile(file: string): Stats | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a folder's list of content-hashed files again whenever the build rewrites it. */
function immutableFiles(dir: string): (rel: string) => boolean {
  let seen = '';
  let names = new Set<string>();
  return (rel) => {
    const stat = statFile(join(dir, ASSETS_MANIFEST));
    const version = stat ? `${stat.size}:${stat.mtimeMs}` : '';
    if (version !== seen) {
      seen = version;
      try {
        names = new Set((JSON.parse(readFileSync(join(dir, ASSETS_MANIFEST), 'utf8')) as { immutable?: string[] }).immutable ?? []);
      } catch {
        names = new Set();
      }
    }
    return names.has(rel.split(sep).join('/'));
  };
}

const etagOf = (stat: Stats, encoding: Encoding) => `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}${encoding === 'identity' ? '' : `-${encoding}`}"`;

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export interface ServeFolderOptions {
  /** A subfolder whose files are served under a strict Content-Security-Policy. */
  strictCspSubfolder?: string;
  /** Sent with CORS and a cross-origin resource policy: other sites load these as modules. */
  crossOrigin?: boolean;
  /** Bytes of compressed copies kept in memory for files not precompressed at build. */
  compressedCacheBytes?: number;
  /** Content-Security-Policy of the HTML pages in the folder (they also refuse framing). */
  pageCsp?: string;
}

/**
 * Serves a folder under a URL prefix; paths that climb out of it are 404. Text files go out in
 * the best encoding the client accepts, from the build's precompressed copies or from a cache;
 * content-hashed bundles are immutable, everything else revalidates with its ETag.
 */
export function serveFolder(app: FastifyInstance, prefix: string, dir: string, options: ServeFolderOptions = {}): void {
  const strictCspSubfolder = options.strictCspSubfolder;
  const strictDir = strictCspSubfolder ? join(dir, strictCspSubfolder) : undefined;
  const isImmutable = immutableFiles(dir);
  const cache = new CompressedCache(options.compressedCacheBytes ?? 32 * 1024 * 1024);

  app.get(`${prefix}*`, async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = (request.params as { '*': string })['*'] ?? '';
    // find-my-way has already decoded the path; a decoded '..' is caught below.
    let file = normalize(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return reply.code(404).type('text/plain').send('Not found\n');
    let stat: Stats;
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
    const ext = extname(file);
    const compressible = COMPRESSIBLE.has(ext);

    const variants: Variant[] = [];
    if (compressible && stat.size >= MIN_COMPRESS_BYTES) {
      const br = statFile(`${file}.br`);
      const gz = statFile(`${file}.gz`);
      if (br || gz) {
        // A copy older than its file is left over from an earlier build: never send it.
        if (br && br.mtimeMs >= stat.mtimeMs) variants.push({ encoding: 'br', size: br.size, file: `${file}.br` });
        if (gz && gz.mtimeMs >= stat.mtimeMs) variants.push({ encoding: 'gzip', size: gz.size, file: `${file}.gz` });
      } else if (pickEncoding(request.headers['accept-encoding'], ['br', 'gzip']) !== undefined) {
        const copies = cache.get(file, stat);
        variants.push({ encoding: 'br', size: copies.br.length, body: copies.br }, { encoding: 'gzip', size: copies.gzip.length, body: copies.gzip });
      }
    }
    variants.push({ encoding: 'identity', size: stat.size, file });
    const encoding = pickEncoding(request.headers['accept-encoding'], variants.map((v) => v.encoding));
    if (!encoding) return reply.code(406).type('text/plain').send('Not acceptable: this file is available as br, gzip or identity\n');
    const chosen = variants.find((v) => v.encoding === encoding)!;

    reply.type(TYPES[ext] ?? 'application/octet-stream').header('x-content-type-options', 'nosniff');
    if (compressible) reply.header('vary', 'Accept-Encoding');
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    const etag = etagOf(stat, encoding);
    reply.header('etag', etag);
    reply.header('cache-control', isImmutable(relative(dir, file)) ? 'public, max-age=31536000, immutable' : 'no-cache');
    // Libraries are loaded by other sites' pages as modules, which browsers fetch with CORS.
    if (options.crossOrigin) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    // Decided on the file served, not the URL as written (//csp/ and %63sp/ reach the same files).
    if (strictDir && (file + sep).startsWith(strictDir + sep)) reply.header('content-security-policy', STRICT_CSP);
    else if (options.pageCsp && ext === '.html') reply.header('content-security-policy', options.pageCsp);
    if (ext === '.html' && (options.pageCsp || strictDir)) reply.header('x-frame-options', 'SAMEORIGIN');
    if (notModified(request, etag)) return reply.code(304).send();
    reply.header('content-length', chosen.size);
    return reply.send(chosen.body ?? createReadStream(chosen.file!));
  });
}
