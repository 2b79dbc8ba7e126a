// `pnpm build`: builds the workspace's packages in dependency order, skipping every package whose
// inputs (its own files, the workspace's shared config, the lockfile, and what its workspace
// dependencies built) are what they were at its last build. A second `npm start` with nothing
// changed therefore builds nothing.
//
//   node scripts/build.mjs            build what changed
//   node scripts/build.mjs --force    build everything
//   node scripts/build.mjs figure sdk build these (and what they depend on) if changed
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';
/** Outputs and caches, never inputs. */
const SKIP = new Set(['node_modules', 'dist', 'test', 'docs/api', 'custom-elements.json', '.wtr-cache', 'coverage']);
const SHARED_INPUTS = ['tsconfig.base.json', 'pnpm-lock.yaml', 'scripts/build.mjs', 'scripts/rollup-precompress.mjs', 'scripts/rollup-jsxgraph.mjs', 'scripts/fix-dts-specifiers.mjs'];

const args = process.argv.slice(2);
const force = args.includes('--force');
const wanted = args.filter((a) => !a.startsWith('--'));

function workspacePackages() {
  const dir = join(root, 'packages');
  const byName = new Map();
  for (const folder of readdirSync(dir).sort()) {
    const manifestFile = join(dir, folder, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (!manifest.scripts?.build) continue;
    byName.set(manifest.name, { name: manifest.name, folder, dir: join(dir, folder), manifest });
  }
  for (const pkg of byName.values()) {
    const deps = { ...pkg.manifest.dependencies, ...pkg.manifest.devDependencies, ...pkg.manifest.peerDependencies };
    pkg.deps = Object.keys(deps).filter((d) => byName.has(d) && d !== pkg.name);
  }
  return byName;
}

/** Dependencies before dependants; a cycle is a mistake worth stopping for. */
function buildOrder(byName) {
  const order = [];
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`workspace packages depend on each other in a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const dep of byName.get(name).deps) visit(dep, [...path, name]);
    state.set(name, 'done');
    order.push(byName.get(name));
  };
  for (const name of byName.keys()) visit(name, []);
  return order;
}

function hashTree(hash, dir, base) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    const rel = relative(base, path);
    if (SKIP.has(entry.name) || SKIP.has(rel) || entry.name.endsWith('.tsbuildinfo')) continue;
    if (entry.isDirectory()) hashTree(hash, path, base);
    else if (entry.isFile()) hash.update(`${rel}\0`).update(readFileSync(path)).update('\0');
  }
}

function inputsHash(pkg, stamps) {
  const hash = createHash('sha256');
  hash.update(`node ${process.versions.node.split('.')[0]}\0`);
  for (const file of SHARED_INPUTS) if (existsSync(join(root, file))) hash.update(file).update(readFileSync(join(root, file)));
  for (const dep of pkg.deps) hash.update(`${dep}=${stamps.get(dep)}\0`);
  hashTree(hash, pkg.dir, pkg.dir);
  return hash.digest('hex');
}

function run(pkg) {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['run', '--silent', 'build'], { cwd: pkg.dir, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${pkg.name}: build failed (exit ${code})`))));
  });
}

const byName = workspacePackages();
let order = buildOrder(byName);
if (wanted.length) {
  const keep = new Set();
  const add = (name) => {
    if (keep.has(name)) return;
    keep.add(name);
    byName.get(name).deps.forEach(add);
  };
  for (const w of wanted) {
    const name = byName.has(w) ? w : byName.has(`@netpad/${w}`) ? `@netpad/${w}` : [...byName.values()].find((p) => p.folder === w)?.name;
    if (!name) throw new Error(`no workspace package "${w}" (have: ${[...byName.keys()].join(', ')})`);
    add(name);
  }
  order = order.filter((p) => keep.has(p.name));
}

const started = performance.now();
const stamps = new Map();
let built = 0;
for (const [i, pkg] of order.entries()) {
  const stampFile = join(pkg.dir, 'dist', STAMP);
  const want = inputsHash(pkg, stamps);
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  const step = `[${i + 1}/${order.length}] ${pkg.name}`;
  if (!force && have === want) {
    stamps.set(pkg.name, want);
    console.log(`netpad: ${step}: up to date`);
    continue;
  }
  console.log(`netpad: ${step}: building…`);
  const t = performance.now();
  await run(pkg);
  // The stamp goes last, so an interrupted build is redone next time.
  if (!existsSync(join(pkg.dir, 'dist')) || !statSync(join(pkg.dir, 'dist')).isDirectory()) throw new Error(`${pkg.name}: its build made no dist/`);
  writeFileSync(stampFile, `${want}\n`);
  stamps.set(pkg.name, want);
  built++;
  console.log(`netpad: ${step}: built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(`netpad: ${built ? `built ${built} of ${order.length} packages` : 'every package is up to date'} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
