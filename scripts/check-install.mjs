// Fails, naming the package, when an installed dependency needs a build step at install time:
// an install script (preinstall/install/postinstall) or a binding.gyp (which npm and pnpm turn
// into `node-gyp rebuild`). On these machines such a step can't fetch Node's headers or a
// prebuilt binary from anywhere but the npm registry, so it breaks a fresh install even when a
// warm package store hid it.
//
// Two lists in pnpm-workspace.yaml say what is known:
// - onlyBuiltDependencies: packages whose step runs and only unpacks a binary that came from the
//   npm registry (an optional dependency); each must also be in ALLOWED_TO_BUILD below, with why;
// - ignoredBuiltDependencies: packages whose step never runs and that work without it.
// A package with a binding.gyp is refused in either list: without its compiler step it has no
// code to load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Install steps known to unpack registry binaries only. */
export const ALLOWED_TO_BUILD = new Map([['esbuild', 'picks its binary from the @esbuild/* optional dependency installed from the npm registry']]);

const LIFECYCLE = ['preinstall', 'install', 'postinstall'];

/** The names under a `key:` list of a small YAML file (just the `- name` lines). */
export function yamlList(text, key) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === `${key}:`);
  if (start < 0) return [];
  const names = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line);
    if (m) names.push(m[1]);
    else if (/^\S/.test(line)) break;
  }
  return names;
}

/** Every package pnpm put in the virtual store, once per name@version. */
function* installedPackages(root) {
  const store = join(root, 'node_modules', '.pnpm');
  if (!existsSync(store)) throw new Error(`no ${store}: run pnpm install first`);
  for (const entry of readdirSync(store)) {
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const name of readdirSync(modules)) {
      const dirs = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => join(modules, name, n)) : [join(modules, name)];
      for (const dir of dirs) {
        const manifestFile = join(dir, 'package.json');
        // Only the folder the entry is named after is the package itself; the rest are links.
        if (!existsSync(manifestFile) || !entry.startsWith(`${dir.slice(modules.length + 1).replace('/', '+')}@`)) continue;
        yield { dir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) };
      }
    }
  }
}

/** What is wrong with the install at `root`, one line per package; empty when all is well. */
export function checkInstall(root) {
  const workspace = existsSync(join(root, 'pnpm-workspace.yaml')) ? readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8') : '';
  const built = new Set(yamlList(workspace, 'onlyBuiltDependencies'));
  const ignored = new Set(yamlList(workspace, 'ignoredBuiltDependencies'));
  const problems = new Set();
  for (const name of built) {
    if (!ALLOWED_TO_BUILD.has(name)) problems.add(`${name}: listed in onlyBuiltDependencies, but only packages that unpack an npm-registry binary may build (${[...ALLOWED_TO_BUILD.keys()].join(', ')})`);
  }
  for (const { dir, manifest } of installedPackages(root)) {
    const name = manifest.name;
    const scripts = LIFECYCLE.filter((s) => manifest.scripts?.[s]);
    const gyp = existsSync(join(dir, 'binding.gyp'));
    if (gyp && !ALLOWED_TO_BUILD.has(name)) {
      problems.add(`${name}@${manifest.version}: ships a binding.gyp (a native build with node-gyp): choose a dependency without one`);
    } else if (scripts.length && !(built.has(name) && ALLOWED_TO_BUILD.has(name)) && !ignored.has(name)) {
      problems.add(
        `${name}@${manifest.version}: has an install step (${scripts.join(', ')}): replace it, or, if it works without the step, add it to ignoredBuiltDependencies in pnpm-workspace.yaml`,
      );
    }
  }
  return [...problems].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const problems = checkInstall(root);
  if (problems.length) {
    console.error(`netpad: ${problems.length} dependenc${problems.length === 1 ? 'y needs' : 'ies need'} a build step at install time:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('netpad: install check: no dependency needs a native build or an install-time download');
}
