// Where a page's main-thread time goes, task by task: loads one bench page in a fresh context
// with a Chromium trace and prints every task over 20 ms with the trace events inside it,
// longest first (script evaluation, style and layout, GC…). For finding time, not for numbers:
// pnpm bench measures.
//
//   node bench/trace.mjs [embed-src.html | bare-jsxgraph.html | update.html?variant=netpad&figure=sine-wave …]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { findChrome, CHROME_ARGS } from '../scripts/find-chrome.mjs';
const server = spawn(process.execPath, ['bench/server.mjs'], { stdio: ['pipe', 'pipe', 'inherit'] });
const url = await new Promise((r) => server.stdout.once('data', (d) => r(JSON.parse(d).url)));
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
const pageName = process.argv[2] ?? 'embed-src.html';
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const p = await ctx.newPage();
await browser.startTracing(p, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', 'blink', 'loading'] });
await p.goto(`${url}/bench/pages/${pageName}`);
await p.waitForFunction(() => window.__bench);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
// main renderer thread: the one with the most RunTask
const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 20000);
const main = Object.entries(tasks.reduce((m, e) => ((m[`${e.pid}:${e.tid}`] = (m[`${e.pid}:${e.tid}`] ?? 0) + e.dur), m), {})).sort((a, b) => b[1] - a[1])[0][0];
const [pid, tid] = main.split(':').map(Number);
const first = Math.min(...tasks.filter((e) => e.pid === pid && e.tid === tid).map((e) => e.ts));
for (const t of tasks.filter((e) => e.pid === pid && e.tid === tid)) {
  const inside = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task at +${((t.ts - first) / 1000).toFixed(0)} ms (after the first) for ${(t.dur / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | '));
}
await browser.close();
server.kill();
