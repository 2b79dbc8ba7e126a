import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startPlatform, type Running } from './helpers.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that shows the wire as it is (fetch would decompress and hide Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const embedDist = fileURLToPath(new URL('../../embed-element/dist/browser', import.meta.url));
const rendererFile = readdirSync(embedDist).find((f) => /^renderer-.+\.js$/.test(f))!;

describe('static bundles: compressed, cached like real software', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());

  it('answers a bundle in Brotli or gzip as the client asks, and plain to a client that asks for neither', async () => {
    const plain = readFileSync(join(embedDist, rendererFile));
    const br = await get(`${run.url}/lib/embed/${rendererFile}`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.ok(br.body.length < plain.length / 3, `brotli body ${br.body.length} of ${plain.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), plain);

    const gz = await get(`${run.url}/lib/embed/${rendererFile}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), plain);

    const refused = await get(`${run.url}/lib/embed/${rendererFile}`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.body, plain);
    const none = await get(`${run.url}/lib/embed/${rendererFile}`);
    assert.equal(none.headers['content-encoding'], undefined);
    assert.equal(none.body.length, plain.length);
  });

  it('marks content-hashed chunks immutable, and keeps entry files revalidating with a 304', async () => {
    const hashed = await get(`${run.url}/lib/embed/${rendererFile}`, { 'accept-encoding': 'br' });
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');

    const entry = await get(`${run.url}/lib/sdk/netpad-sdk.js`, { 'accept-encoding': 'br' });
    assert.equal(entry.headers['content-encoding'], 'br');
    assert.equal(entry.status, 200);
    assert.equal(entry.headers['cache-control'], 'no-cache');
    const etag = String(entry.headers.etag);
    assert.match(etag, /^".+"$/);
    const again = await get(`${run.url}/lib/sdk/netpad-sdk.js`, { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    // Another encoding is another representation: its ETag differs, so a 304 never crosses them.
    const gz = await get(`${run.url}/lib/sdk/netpad-sdk.js`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    assert.equal(gz.status, 200);
    assert.notEqual(gz.headers.etag, etag);

    for (const path of ['/lib/widget/netpad.js', '/lib/embed/netpad-embed.js', '/lib/embed/frame.js']) {
      assert.equal((await get(`${run.url}${path}`)).headers['cache-control'], 'no-cache', path);
    }
  });

  it('compresses files the build did not precompress (the examples), once', async () => {
    const page = await get(`${run.url}/examples/e-textbook/`, { 'accept-encoding': 'br' });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'br');
    const text = brotliDecompressSync(page.body).toString('utf8');
    assert.match(text, /100 个交互式图形/);
    const second = await get(`${run.url}/examples/e-textbook/`, { 'accept-encoding': 'br' });
    assert.deepEqual(second.body, page.body);
  });

  it('compresses pages and documents the routes build, keeping their ETags for If-None-Match', async () => {
    const page = await get(`${run.url}/figures/hyperbola-rectangle`, { 'accept-encoding': 'gzip' });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(page.body).toString('utf8'), /<!doctype html>/i);

    const doc = await get(`${run.url}/v1/figures/hyperbola-rectangle/document`, { 'accept-encoding': 'br' });
    assert.equal(doc.status, 200);
    assert.equal(doc.headers['content-encoding'], 'br');
    assert.match(String(doc.headers.vary), /Origin/);
    assert.match(String(doc.headers.vary), /Accept-Encoding/);
    assert.equal((JSON.parse(brotliDecompressSync(doc.body).toString('utf8')) as { version: number }).version, 1);
    const revalidated = await get(`${run.url}/v1/figures/hyperbola-rectangle/document`, { 'accept-encoding': 'br', 'if-none-match': String(doc.headers.etag) });
    assert.equal(revalidated.status, 304);
  });

  it('leaves small answers and images as they are', async () => {
    const health = await get(`${run.url}/healthz`, { 'accept-encoding': 'br, gzip' });
    assert.equal(health.headers['content-encoding'], undefined);
    assert.equal((JSON.parse(health.body.toString('utf8')) as { status: string }).status, 'ok');
  });
});
