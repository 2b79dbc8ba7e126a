import type { FastifyInstance } from 'fastify';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pickEncoding } from './static';

const TEXTUAL = /^(text\/|application\/(json|problem\+json|javascript|xml)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

/**
 * Compresses the answers routes build in memory (pages, figure documents, posters, API JSON).
 * Files from disk come precompressed from serveFolder, which sets Content-Encoding itself, so
 * nothing is compressed twice. Brotli at quality 5 and gzip at level 6: per-request work stays
 * in tens of microseconds for a figure-sized body.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.getHeader('content-encoding') || request.method === 'HEAD') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!TEXTUAL.test(type)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const vary = reply.getHeader('vary');
    const varies = vary ? String(vary) : '';
    if (!/accept-encoding/i.test(varies)) reply.header('vary', varies ? `${varies}, Accept-Encoding` : 'Accept-Encoding');
    if (body.length < MIN_BYTES) return payload;
    const encoding = pickEncoding(request.headers['accept-encoding'], ['br', 'gzip', 'identity']);
    if (encoding !== 'br' && encoding !== 'gzip') return payload;
    const compressed =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 6 });
    // The ETag stays as it is: If-Match on a space figure must keep matching whichever encoding
    // the client read it in, and Vary keeps shared caches from mixing the encodings up.
    reply.header('content-encoding', encoding).header('content-length', compressed.length);
    return compressed;
  });
}
