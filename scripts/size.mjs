// Prints the gzip size of every shipped browser bundle against the budgets of DESIGN.md and
// exits non-zero when one is over. Run after `pnpm build`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;
const gzip = (code) => gzipSync(code, { level: 9 }).length;

const browserDir = join(root, 'packages/embed-element/dist/browser');
if (!existsSync(browserDir)) {
  console.error('size: no browser bundle yet; run `pnpm build` first.');
  process.exit(1);
}
/** An entry with every chunk it imports statically: what a page downloads before anything runs. */
function withStaticImports(dir, file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(join(dir, file));
  const parts = [code];
  for (const m of code.toString().matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[^'"()]*from\s*)?["']\.\/([^"']+)["']/g)) parts.push(...withStaticImports(dir, m[1], seen));
  return parts;
}
const entry = (dir, file) => Buffer.concat(withStaticImports(dir, file));

const rendererChunk = readdirSync(browserDir).find((f) => /^renderer-.*\.js$/.test(f));
const sdkDir = join(root, 'packages/sdk/dist/browser');
const sessionChunk = readdirSync(sdkDir).find((f) => /^session-.*\.js$/.test(f));
const elementSessionChunk = readdirSync(browserDir).find((f) => /^session-.*\.js$/.test(f));
const lazyPanel = (name) => readdirSync(browserDir).find((f) => new RegExp(`^${name}-.*\\.js$`).test(f));

/** Our own renderer code, without JSXGraph: bundled and minified the way the browser build does. */
async function ownRendererCode() {
  const bundle = await rollup({
    input: join(root, 'packages/figure/dist/render.js'),
    external: ['jsxgraph'],
    plugins: [terser({ format: { comments: false } })],
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output.map((o) => (o.type === 'chunk' ? o.code : '')).join('');
}

const rows = [
  {
    name: 'blog widget loader (DESIGN: a blog page\'s first script ≤ 6 KB)',
    file: 'packages/blog-widget/dist/netpad.js',
    size: gzip(readFileSync(join(root, 'packages/blog-widget/dist/netpad.js'))),
    budget: 6 * KB,
  },
  {
    name: '<netpad-embed> with @netpad/sdk, no renderer or validator (they load together, lazily), no sign-in (DESIGN: element + SDK ≤ 25 KB)',
    file: 'packages/embed-element/dist/browser/netpad-embed.js and the chunks it imports',
    size: gzip(entry(browserDir, 'netpad-embed.js')),
    budget: 25 * KB,
  },
  {
    name: 'the platform\'s embed frame page script (frame.js and its chunks, no renderer)',
    file: 'packages/embed-element/dist/browser/frame.js and the chunks it imports',
    size: gzip(entry(browserDir, 'frame.js')),
    budget: 25 * KB,
  },
  {
    name: 'sign-in chunk (oidc-client-ts + Netpad session), lazy: only when a sign-in starts',
    file: `packages/sdk/dist/browser/${sessionChunk}`,
    size: sessionChunk ? gzip(readFileSync(join(sdkDir, sessionChunk))) : Infinity,
    budget: 25 * KB,
  },
  {
    name: 'sign-in chunk in the element bundle, lazy',
    file: `packages/embed-element/dist/browser/${elementSessionChunk}`,
    size: elementSessionChunk ? gzip(readFileSync(join(browserDir, elementSessionChunk))) : Infinity,
    budget: 25 * KB,
  },
  {
    name: 'renderer chunk (JSXGraph + Netpad renderer), lazy',
    file: `packages/embed-element/dist/browser/${rendererChunk}`,
    size: rendererChunk ? gzip(readFileSync(join(browserDir, rendererChunk))) : Infinity,
    budget: 280 * KB,
  },
  ...[
    ['rights-panels', 'sign-in, purchase and receipt panels, lazy: only for a figure the reader may not view yet'],
    ['copy-editor', 'the save-as editing bar, lazy: only with the rights to edit or save as'],
  ].map(([chunk, name]) => ({
    name,
    file: `packages/embed-element/dist/browser/${lazyPanel(chunk)}`,
    size: lazyPanel(chunk) ? gzip(readFileSync(join(browserDir, lazyPanel(chunk)))) : Infinity,
    budget: 4 * KB,
  })),
  {
    name: 'Netpad renderer code alone (without JSXGraph)',
    file: 'packages/figure/dist/render.js (minified)',
    size: gzip(await ownRendererCode()),
    budget: 30 * KB,
  },
  {
    // The element types' builders ride in this chunk (validation needs their modules' keys), so
    // the renderer chunk it loads next is that much smaller: the budget is for both halves' share.
    name: '<netpad-editor> (Lit, the editor, the validator and element types), without JSXGraph; own budget',
    file: 'packages/editor/dist/browser/netpad-editor.js and the chunks it imports',
    size: existsSync(join(root, 'packages/editor/dist/browser/netpad-editor.js')) ? gzip(entry(join(root, 'packages/editor/dist/browser'), 'netpad-editor.js')) : Infinity,
    budget: 45 * KB,
  },
];

// DESIGN: a page that only shows figures never loads the editor. Nothing the embed, the frame or
// the blog widget load may contain it.
const figureOnly = [
  ...readdirSync(browserDir).filter((f) => f.endsWith('.js')).map((f) => join(browserDir, f)),
  join(root, 'packages/blog-widget/dist/netpad.js'),
];
const leaking = figureOnly.filter((f) => /netpad-editor-change|<netpad-editor>/.test(readFileSync(f, 'utf8')));
if (leaking.length) {
  console.error(`size: the editor is in figure-only bundles: ${leaking.join(', ')}`);
  process.exit(1);
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`;
let over = 0;
console.log('Bundle sizes (gzip -9) against the budgets of DESIGN.md\n');
for (const row of rows) {
  const ok = row.size <= row.budget;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${fmt(row.size).padStart(9)} / ${fmt(row.budget).padStart(8)}  (${((row.size / row.budget) * 100).toFixed(0).padStart(3)}%)  ${row.name}`);
  console.log(`      ${row.file}`);
}
if (over) {
  console.error(`\nsize: ${over} bundle(s) over budget.`);
  process.exit(1);
}
console.log(`\nAll bundles within budget; none of the ${figureOnly.length} figure-only bundles carries the editor.`);
