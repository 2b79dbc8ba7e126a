import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@netpad/platform';
import { freePort } from './helpers.ts';

const bin = fileURLToPath(new URL('../bin/netpad-platform.js', import.meta.url));

/** Starts `serve` and resolves with its output lines once it says where it listens. */
async function serve(args: string[]): Promise<{ child: ChildProcess; lines: string[]; url: string; line: (pattern: RegExp) => Promise<string> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--base-url', url, '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const reader = createInterface({ input: child.stdout! });
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  reader.on('line', (text) => {
    lines.push(text);
    for (const w of waiting.filter((w) => w.pattern.test(text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(text);
    }
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      waiting.push({ pattern, resolve });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${errors}${lines.join('\n')}`)));
    });
  await line(/^Netpad platform: http/);
  return { child, lines, url, line };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

describe('netpad-platform serve', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpad-serve-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds no demo accounts unless asked, and says so when it has them', async () => {
    const plain = await serve(['--db', join(dir, 'plain.db')]);
    try {
      assert.deepEqual(await (await fetch(`${plain.url}/healthz`)).json(), { status: 'ok' });
      assert.ok(!plain.lines.some((l) => /DEMO/.test(l)));
      // No public demo password opens anything here.
      const token = await fetch(`${plain.url}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('demo-textbook:demo-textbook-key').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&scope=figures',
      });
      assert.equal(token.status, 401);
    } finally {
      await stop(plain.child);
    }
  });

  it('answers health checks at once on a first start while it draws the posters', async () => {
    const file = join(dir, 'demo.db');
    const demo = await serve(['--db', file, '--demo']);
    try {
      assert.match(await demo.line(/DEMO accounts/), /passwords are public/);
      const health = await fetch(`${demo.url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok', demo: true });
      // Answered while the posters are still being drawn: the warm-up gives the event loop back.
      const store = openDatabase(file);
      try {
        const { figures, posters } = store.one<{ figures: number; posters: number }>('SELECT (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM posters) AS posters')!;
        assert.ok(posters < figures, `${posters} of ${figures} posters drawn`);
      } finally {
        store.close();
      }
    } finally {
      await stop(demo.child);
    }
  });

  it('stops with a clear message on a bad --trust-proxy', async () => {
    await assert.rejects(serve(['--db', join(dir, 'proxy.db'), '--trust-proxy', '10.0.0.0/99']), /bad prefix length/);
  });
});
