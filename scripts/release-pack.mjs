// `pnpm release:pack`: builds what changed, then packs the packages a vendor installs
// (@netpad/figure, @netpad/sdk, @netpad/embed, @netpad/blog-widget, @netpad/editor) into tarballs. pnpm pack
// writes real versions where the workspace says `workspace:*`; each tarball is then checked:
// no workspace: range left, a licence and a README inside, `types` first in every export.
//
//   node scripts/release-pack.mjs [--out DIR]     (default: release/)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const RELEASED = ['figure', 'sdk', 'embed-element', 'blog-widget', 'editor'];

const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'release'));

function run(command, commandArgs, cwd) {
  const r = spawnSync(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed in ${cwd} (exit ${r.status})`);
  return r.stdout;
}

/** What is wrong with a packed manifest, if anything. */
function problemsOf(manifest, listing) {
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is ${range}`);
  }
  if (!manifest.license) problems.push('no license');
  if (!listing.some((f) => /^package\/LICENSE/i.test(f))) problems.push('no LICENSE file');
  if (!listing.some((f) => /^package\/README\.md$/i.test(f))) problems.push('no README.md');
  if (listing.some((f) => /\.(br|gz)$|\.build-stamp$|\/src\/|\.test\./.test(f))) problems.push('ships build leftovers, sources or tests');
  for (const [path, target] of Object.entries(manifest.exports ?? {})) {
    if (target && typeof target === 'object' && 'types' in target && Object.keys(target)[0] !== 'types') problems.push(`exports["${path}"]: "types" must come first`);
  }
  return problems;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run(process.execPath, [join(root, 'scripts/build.mjs'), ...RELEASED], root);
const all = [];
for (const folder of RELEASED) {
  const dir = join(root, 'packages', folder);
  run('pnpm', ['pack', '--pack-destination', out], dir);
}
for (const file of readdirSync(out).filter((f) => f.endsWith('.tgz')).sort()) {
  const tarball = join(out, file);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const problems = problemsOf(manifest, listing);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  all.push(tarball);
  console.log(`netpad: packed ${manifest.name}@${manifest.version} (${listing.length} files) → ${tarball}`);
}
if (all.length !== RELEASED.length) throw new Error(`expected ${RELEASED.length} tarballs in ${out}, found ${all.length}`);
