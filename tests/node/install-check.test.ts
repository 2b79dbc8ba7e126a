import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInstall, yamlList } from '../../scripts/check-install.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A pnpm virtual store with the given packages, as `pnpm install` lays it out. */
function fakeInstall(root: string, packages: { name: string; version: string; scripts?: Record<string, string>; gyp?: boolean }[], workspace: string) {
  writeFileSync(join(root, 'pnpm-workspace.yaml'), workspace);
  for (const p of packages) {
    const dir = join(root, 'node_modules/.pnpm', `${p.name.replace('/', '+')}@${p.version}`, 'node_modules', p.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: p.name, version: p.version, scripts: p.scripts ?? {} }));
    if (p.gyp) writeFileSync(join(dir, 'binding.gyp'), '{ "targets": [] }');
  }
}

describe('install check: no dependency may need a native build', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpad-install-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on this repository as installed', () => {
    assert.deepEqual(checkInstall(repo), []);
  });

  it('names a package that ships a binding.gyp, and one with an install script nobody vouched for', () => {
    const root = join(dir, 'bad');
    mkdirSync(root);
    fakeInstall(
      root,
      [
        { name: 'better-sqlite3', version: '13.2.0', scripts: { install: 'prebuild-install || node-gyp rebuild --release' }, gyp: true },
        { name: '@scope/downloads-a-binary', version: '1.0.0', scripts: { postinstall: 'node fetch-binary.js' } },
        { name: 'plain', version: '2.0.0' },
        { name: 'esbuild', version: '0.25.0', scripts: { postinstall: 'node install.js' } },
      ],
      'packages:\n  - packages/*\nonlyBuiltDependencies:\n  - esbuild\n',
    );
    const problems = checkInstall(root);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems.find((p) => p.startsWith('better-sqlite3@13.2.0'))!, /binding\.gyp/);
    assert.match(problems.find((p) => p.startsWith('@scope/downloads-a-binary@1.0.0'))!, /postinstall/);
  });

  it('accepts a package whose step is declared unneeded, but not a build that is not on the allow-list', () => {
    const root = join(dir, 'lists');
    mkdirSync(root);
    fakeInstall(
      root,
      [
        { name: 'msw', version: '2.15.0', scripts: { postinstall: 'node copy-worker.js' } },
        { name: 'native-thing', version: '1.0.0', scripts: { install: 'node-gyp rebuild' } },
      ],
      'onlyBuiltDependencies:\n  - native-thing\nignoredBuiltDependencies:\n  - msw\n',
    );
    const problems = checkInstall(root);
    assert.ok(problems.some((p) => p.startsWith('native-thing:') && /onlyBuiltDependencies/.test(p)), problems.join('\n'));
    assert.ok(!problems.some((p) => p.startsWith('msw')), problems.join('\n'));
  });

  it('reads the lists of pnpm-workspace.yaml', () => {
    const text = "packages:\n  - packages/*\n# comment\nonlyBuiltDependencies:\n  - esbuild\n  - 'quoted'\nother: 1\n";
    assert.deepEqual(yamlList(text, 'onlyBuiltDependencies'), ['esbuild', 'quoted']);
    assert.deepEqual(yamlList(text, 'ignoredBuiltDependencies'), []);
  });
});
