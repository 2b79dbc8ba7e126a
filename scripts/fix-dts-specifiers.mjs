// Rewrites the relative module specifiers of emitted declaration files to what Node's own ESM
// resolution (`moduleResolution: "nodenext"`) can follow: `./client` becomes `./client.js`, a
// folder `./render` becomes `./render/index.js`. The sources keep extensionless imports (the
// bundler resolution they are built with); without this, every .d.ts fails under nodenext with
// TS2834 and the packages' named exports go missing there.
//
//   node scripts/fix-dts-specifiers.mjs [dist/types]     (run in a package folder)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `from '…'`, `import '…'`, `import('…')` and `export … from '…'` with a relative specifier. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g;

export function fixSpecifier(fromFile, specifier) {
  if (/\.(c|m)?js$/.test(specifier)) return specifier;
  const base = resolve(dirname(fromFile), specifier);
  if (existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  return specifier;
}

export function fixDeclarations(dir) {
  let changed = 0;
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const fixed = text.replace(SPECIFIER, (_m, lead, quote, spec) => `${lead}${quote}${fixSpecifier(path, spec)}${quote}`);
        if (fixed !== text) {
          writeFileSync(path, fixed);
          changed++;
        }
      }
    }
  };
  walk(dir);
  return changed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? 'dist/types');
  if (!existsSync(dir)) {
    console.error(`fix-dts-specifiers: no ${dir}`);
    process.exit(1);
  }
  fixDeclarations(dir);
}
