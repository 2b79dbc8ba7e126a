import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository this platform runs from: the nearest folder above this module holding both
 * `examples/` and `packages/` (the module may be in src/, dist/ or a dist chunk).
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'examples')) && existsSync(join(dir, 'packages'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Netpad repository (a folder with examples/ and packages/) above the platform');
    dir = parent;
  }
}
