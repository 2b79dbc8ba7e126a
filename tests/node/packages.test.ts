// A vendor installs the packed packages with plain npm into a project of their own, outside
// this repository, and uses them there: in Node, from TypeScript (nodenext and bundler
// resolution) and in a page built by a bundler.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { addGrant } from '@netpad/platform';
import { startPlatform, userToken, webApp } from '../../packages/platform/test/helpers.ts';

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

  it('packs five packages with real versions, a licence and a README', () => {
    assert.deepEqual(tarballs.map((t) => t.split('/').pop()!.replace(/-\d+\.\d+\.\d+\.tgz$/, '')).sort(), ['netpad-blog-widget', 'netpad-editor', 'netpad-embed', 'netpad-figure', 'netpad-sdk']);
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
import { runInput, InputError, type NetpadEditorChangeDetail } from '@netpad/editor';
import '@netpad/editor/netpad-editor.js';
export function addCircle(doc: FigureDocument): FigureDocument {
  try {
    return runInput(doc, 'Circle((0, 0), 2)', 'zh-CN').document;
  } catch (err) {
    if (err instanceof InputError) console.error(err.position, err.messages['zh-CN']);
    throw err;
  }
}
document.querySelector('netpad-editor')?.addEventListener('netpad-editor-change', (e: CustomEvent<NetpadEditorChangeDetail>) => console.log(e.detail.label));
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

  it('shows an entitled figure from a vendor’s backend, with a key from the developer portal, across a key rotation', async () => {
    const running = await startPlatform();
    try {
      const developer = await userToken(running.url, 'student', 'student-demo', webApp(running.url));
      const portal = (method: string, path: string, body?: unknown) =>
        fetch(`${running.url}${path}`, { method, headers: { authorization: `Bearer ${developer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const { app, key } = (await (await portal('POST', '/v1/developer/apps', { name: 'Textbook backend', kind: 'server' })).json()) as { app: { clientId: string }; key: string };
      // The operator licenses the figure to the app (what a vendor's contract does).
      addGrant(running.platform.db, { subjectType: 'app', subjectId: app.clientId, objectType: 'figure', objectId: 'triangle-centres', actions: ['view'], source: 'contract' });
      writeFileSync(
        join(project, 'backend.mjs'),
        `import { NetpadClient, InsufficientEntitlementError } from '@netpad/sdk';
const netpad = new NetpadClient({ platform: process.env.NETPAD_PLATFORM, clientId: process.env.NETPAD_APP_ID, appKey: process.env.NETPAD_APP_KEY });
const { document, entitlement } = await netpad.figures.get('triangle-centres');
let other = 'open';
try { await netpad.figures.get('ellipse-foci'); } catch (err) { other = err instanceof InsufficientEntitlementError ? 'refused' : String(err); }
console.log(JSON.stringify({ title: document.title, actions: entitlement.actions, other }));`,
      );
      // Asynchronously: the platform answering it runs in this process.
      const backend = (appKey: string) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, ['backend.mjs'], { cwd: project, encoding: 'utf8', env: { ...process.env, NETPAD_PLATFORM: running.url, NETPAD_APP_ID: app.clientId, NETPAD_APP_KEY: appKey } }, (err, stdout, stderr) =>
            resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          );
        });
      const first = await backend(key);
      assert.equal(first.status, 0, first.stderr);
      const shown = JSON.parse(first.stdout) as { title: Record<string, string>; actions: string[]; other: string };
      assert.deepEqual(shown.actions, ['view']);
      assert.ok(shown.title['zh-CN'], 'the document came');
      assert.equal(shown.other, 'refused', 'a figure the app holds no right to is refused');

      const rotated = (await (await portal('POST', `/v1/developer/apps/${app.clientId}/keys`, { graceSeconds: 3600 })).json()) as { key: string };
      assert.equal((await backend(key)).status, 0, 'the old key works in the grace period');
      assert.equal((await backend(rotated.key)).status, 0);
      running.platform.db.run('UPDATE app_keys SET expires_at = ? WHERE client_id = ? AND expires_at IS NOT NULL', new Date(Date.now() - 1000).toISOString(), app.clientId);
      const refused = await backend(key);
      assert.notEqual(refused.status, 0, 'after the grace period the old key is refused');
      assert.match(refused.stderr, /401|invalid_client|key/i);
      assert.equal((await backend(rotated.key)).status, 0);
    } finally {
      await running.close();
    }
  });

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
