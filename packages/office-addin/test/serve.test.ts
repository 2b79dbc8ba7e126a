import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as DevCerts from 'office-addin-dev-certs';
import { startAddinServer, type AddinServer } from '../bin/serve.mjs';

// The add-in's server: plain HTTP on loopback (what the tests use) and HTTPS with a certificate
// made by office-addin-dev-certs (what PowerPoint needs), on a throwaway dist/ folder.

const here = dirname(fileURLToPath(import.meta.url));
const SERVE = join(here, '..', 'bin', 'serve.mjs');
const require = createRequire(import.meta.url);

const work = mkdtempSync(join(tmpdir(), 'netpad-addin-serve-'));
const dist = join(work, 'dist');
mkdirSync(join(dist, 'dialog'), { recursive: true });
writeFileSync(join(dist, 'content.html'), '<!doctype html><title>content</title>');
writeFileSync(join(dist, 'testing-content.html'), '<!doctype html><title>fake host</title>');
writeFileSync(join(dist, 'dialog', 'signed-in.html'), '<!doctype html><title>signed in</title>');
writeFileSync(join(work, 'secret.txt'), 'not for the web');
after(() => rmSync(work, { recursive: true, force: true }));

/** An HTTPS GET that trusts only `ca`. */
function getTls(url: string, ca: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bin/serve.mjs over plain HTTP (tests)', () => {
  let server: AddinServer;
  before(async () => {
    server = await startAddinServer({ port: 0, host: '127.0.0.1', https: false, platform: 'https://netpad.example/ignored', clientId: 'school-office', dist });
  });
  after(() => server.close());

  it('serves the pages with a strict CSP, and the platform in config.json', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(`${server.url}content.html`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /img-src 'self' data: https:\/\/netpad\.example;/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.deepEqual(await (await fetch(`${server.url}config.json`)).json(), { platform: 'https://netpad.example', clientId: 'school-office' });
    assert.equal((await fetch(server.url, { redirect: 'manual' })).headers.get('location'), '/content.html');
  });

  it('serves Office.js from its npm copy, offline', async () => {
    const res = await fetch(`${server.url}office-js/office.js`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Office/);
  });

  it('hides the fake-host test page unless asked, and never serves outside dist/', async () => {
    assert.equal((await fetch(`${server.url}testing-content.html`)).status, 404);
    for (const path of ['../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', 'dialog/..%2f..%2fsecret.txt']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /not for the web/, path);
    }
    // A raw request line, as a client that does not normalise the path would send it.
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}content.html`, { path: '/dialog/../../secret.txt' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(raw.status, 404);
    assert.doesNotMatch(raw.body, /not for the web/);
    assert.equal((await fetch(`${server.url}content.html`, { method: 'POST' })).status, 405);
  });
});

describe('bin/serve.mjs over HTTPS (PowerPoint)', () => {
  // A developer CA and localhost certificate, as office-addin-dev-certs makes them, but in a
  // temporary folder: nothing is installed or trusted on this machine.
  const certs = join(work, 'certs');
  const files = { ca: join(certs, 'ca.crt'), cert: join(certs, 'localhost.crt'), key: join(certs, 'localhost.key') };
  before(async () => {
    const { generateCertificates } = require('office-addin-dev-certs') as typeof DevCerts;
    await generateCertificates(files.ca, files.cert, files.key, 1, ['127.0.0.1', 'localhost']);
  });

  it('serves over TLS with a certificate the developer CA signed', async () => {
    const server = await startAddinServer({ port: 0, host: '127.0.0.1', https: { cert: readFileSync(files.cert), key: readFileSync(files.key) }, dist });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await getTls(`${server.url}content.html`, readFileSync(files.ca));
      assert.equal(res.status, 200);
      assert.match(res.body, /<title>content<\/title>/);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
      // Another CA is not trusted: the certificate really is the one given.
      const other = join(work, 'other');
      const { generateCertificates } = require('office-addin-dev-certs') as typeof DevCerts;
      await generateCertificates(join(other, 'ca.crt'), join(other, 'localhost.crt'), join(other, 'localhost.key'), 1, ['127.0.0.1']);
      await assert.rejects(getTls(`${server.url}content.html`, readFileSync(join(other, 'ca.crt'))), /self.signed|unable to verify|certificate/i);
    } finally {
      await server.close();
    }
  });

  it('the documented command with --cert and --key starts and serves', async () => {
    const child = spawn(process.execPath, [SERVE, '--port', '0', '--host', '127.0.0.1', '--cert', files.cert, '--key', files.key, '--platform', 'https://netpad.example'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const found = /Netpad add-in: (https:\/\/\S+)content\.html/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
      });
      const res = await getTls(`${url}config.json`, readFileSync(files.ca));
      assert.deepEqual(JSON.parse(res.body), { platform: 'https://netpad.example', clientId: 'demo-office' });
    } finally {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
