// A vendor installs the packed packages with plain npm into a project of their own, outside
// this repository, and uses them there: in Node, from TypeScript (nodenext and bundler
// resolution) and in a page built by a bundler.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the packages a vendor installs', () => {
  let dir: string;
  let project: string;
  let tarballs: string[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpad-packages-'));
    const out = join(dir, 'tarballs');
    run(process.execPath, [join(repo, 'scripts/release-pack.mjs'), '--out', out], repo);
    tarballs = readdirSync(out).map((f) => join(out, f));
    project = join(dir, 'vendor-app');
    run('mkdir', ['-p', project], dir);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vendor-app', private: true, type: 'module' }, null, 2));
    // Plain npm, as a vendor would: no workspace, no pnpm, dependencies from the registry.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], project);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs four packages with real versions, a licence and a README', () => {
    assert.deepEqual(tarballs.map((t) => t.split('/').pop()!.replace(/-\d+\.\d+\.\d+\.tgz$/, '')).sort(), ['netpad-blog-widget', 'netpad-embed', 'netpad-figure', 'netpad-sdk']);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/@netpad/embed/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.ok(Object.values(installed.dependencies).every((range) => !range.startsWith('workspace:')), JSON.stringify(installed.dependencies));
  });

  it('imports in Node', () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `import { validateFigure, parseFigure } from '@netpad/figure';
import { NetpadClient, NotFoundError } from '@netpad/sdk';
import { renderPoster } from '@netpad/figure/poster';
const doc = { format: 'netpad-figure', version: 1, title: 't', board: { boundingBox: [-5, 5, 5, -5] }, elements: [{ id: 'A', type: 'point', x: 1, y: 2 }] };
if (!validateFigure(doc).ok || parseFigure('{').ok) throw new Error('validation');
const svg = await renderPoster(doc);
if (!svg.startsWith('<svg')) throw new Error('poster');
const client = new NetpadClient({ platform: 'http://127.0.0.1:9', clientId: 'x', appKey: 'k' });
console.log(typeof client.figures.get, typeof NotFoundError);`,
    );
    assert.equal(run(process.execPath, ['check.mjs'], project).trim(), 'function function');
  });

  for (const resolution of ['nodenext', 'bundler'] as const) {
    it(`type-checks a vendor's program under moduleResolution "${resolution}"`, () => {
      const folder = join(project, `ts-${resolution}`);
      run('mkdir', ['-p', folder], project);
      writeFileSync(
        join(folder, 'main.ts'),
        `import { validateFigure, type FigureDocument } from '@netpad/figure';
import { NetpadClient, InsufficientEntitlementError, type Entitlement } from '@netpad/sdk';
import { configureNetpad, type NetpadEmbedStatus } from '@netpad/embed';
import '@netpad/embed/netpad-embed.js';
const client = new NetpadClient({ platform: 'https://netpad.example', clientId: 'vendor', appKey: 'secret' });
export async function open(id: string): Promise<FigureDocument | undefined> {
  try {
    const { document, entitlement } = await client.figures.get(id);
    const e: Entitlement = entitlement;
    return e.actions.includes('view') ? document : undefined;
  } catch (err) {
    if (err instanceof InsufficientEntitlementError) return undefined;
    throw err;
  }
}
export const ok: boolean = validateFigure({}).ok;
export const status: NetpadEmbedStatus = 'ready';
configureNetpad({ platform: 'https://netpad.example', clientId: 'vendor' });
// The element's events are typed on any element.
document.body.addEventListener('netpad-change', (e) => console.log(e.detail.state));
document.body.addEventListener('netpad-error', (e) => console.log(e.detail.kind, e.detail.message));
// What a refusal offers, and the catalogue's tree, are typed.
export function cheapest(err: InsufficientEntitlementError): number | undefined {
  return err.offers.map((o) => o.price).sort((a, b) => a - b)[0];
}
export async function stages(): Promise<string[]> {
  const { curriculum } = await client.catalog.dimensions();
  return curriculum.map((n) => n.name['zh-CN'] + n.children.length);
}
// An app key and a token provider together are refused by the type checker.
// @ts-expect-error -- appKey and tokenProvider are mutually exclusive
export const both = new NetpadClient({ platform: 'https://netpad.example', clientId: 'x', appKey: 'k', tokenProvider: { getToken: async () => 't' } });
`,
      );
      writeFileSync(
        join(folder, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
            moduleResolution: resolution,
            skipLibCheck: false,
            types: [],
          },
          files: ['main.ts'],
        }),
      );
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], folder);
    });
  }

  it('builds a page that shows a figure with a bundler', async () => {
    writeFileSync(join(project, 'page.js'), `import '@netpad/embed/netpad-embed.js';\ndocument.body.innerHTML = '<netpad-embed src="/figure.json"></netpad-embed>';\n`);
    const bundle = await rollup({ input: join(project, 'page.js'), plugins: [nodeResolve({ browser: true, rootDir: project })], onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'es', dir: join(project, 'out') });
    await bundle.close();
    const code = output.map((o) => (o.type === 'chunk' ? o.code : '')).join('\n');
    // The element's registration survives tree-shaking (the package declares its side effects).
    assert.ok(/customElements\.define\(/.test(code), 'the bundle registers <netpad-embed>');
    assert.ok(code.includes("'netpad-embed'") || code.includes('"netpad-embed"'), 'under its tag name');
  });
});
