// Benchmark: an entitled figure fetch and its 304 revalidation, against the platform in its own
// process (so the load generator does not share its event loop), on loopback.
// Prints requests/s and latency percentiles against DESIGN.md's budget:
// >= 2,000 requests/s with p99 < 20 ms on 2 cores.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import autocannon from 'autocannon';

const BUDGET = { rps: 2000, p99: 20 };
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Ten concurrent clients (a busy school's page views at once) and 32 (a district's): the budget
// holds for both. BENCH_CONNECTIONS=10,32 by default.
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '10,32').split(',').map(Number).filter((n) => n > 0);
const port = Number(process.env.BENCH_PORT ?? 4321);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'netpad-bench-'));
const bin = fileURLToPath(new URL('../bin/netpad-platform.js', import.meta.url));

const server = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', join(dir, 'bench.db'), '--base-url', base, '--demo', '--rate-limit', 'app=0,user=0,anonymous=0', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const cleanup = () => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
// The server prints its address once it listens.
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('Netpad platform') && resolve());
  server.once('exit', (code) => reject(new Error(`the platform exited with ${code}`)));
});

const tokenResponse = await fetch(`${base}/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from('demo-textbook:demo-textbook-key').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&scope=figures',
});
const { access_token: token } = await tokenResponse.json();
const path = '/v1/figures/triangle-centres/document';
const first = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
if (first.status !== 200) throw new Error(`entitled fetch answered ${first.status}`);
const etag = first.headers.get('etag');

async function run(title, headers, expectStatus, connections) {
  const instance = autocannon({ url: `${base}${path}`, connections, pipelining: 1, duration: seconds, headers });
  const result = await instance;
  const okStatus = expectStatus === 200 ? result['2xx'] : result['3xx'];
  const rps = result.requests.average;
  const p99 = result.latency.p99;
  const ok = rps >= BUDGET.rps && p99 < BUDGET.p99 && result.non2xx === (expectStatus === 200 ? 0 : result.non2xx) && okStatus > 0;
  console.log(
    `${ok ? 'ok  ' : 'OVER'}  ${`${title}, ${connections} conn.`.padEnd(46)} ${rps.toFixed(0).padStart(6)} req/s (budget ≥ ${BUDGET.rps})  ` +
      `p50 ${result.latency.p50} ms  p99 ${p99} ms (budget < ${BUDGET.p99})  errors ${result.errors}  ${expectStatus}s ${okStatus}`,
  );
  return ok;
}

console.log(`Platform benchmark: ${seconds}s each, ${CONNECTION_COUNTS.join(' and ')} connections, loopback, server in its own process\n`);
const results = [];
for (const connections of CONNECTION_COUNTS) {
  results.push(await run('entitled figure fetch (200)', { authorization: `Bearer ${token}` }, 200, connections));
  results.push(await run('revalidation with If-None-Match (304)', { authorization: `Bearer ${token}`, 'if-none-match': etag }, 304, connections));
}
server.kill();
await once(server, 'exit');
if (results.includes(false)) {
  console.error('\nbench: a result is outside the budget.');
  process.exitCode = 1;
}
