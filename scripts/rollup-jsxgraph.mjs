// What every browser build that bundles JSXGraph needs, in one place: JSXGraph's own minified
// ESM build instead of its source modules (smaller, faster to bundle), and the warnings that are
// expected from it. `from` is the rollup config's import.meta.url: JSXGraph is resolved the way
// that package's @netpad/figure resolves it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function jsxgraphBuild(from) {
  const require = createRequire(from);
  // jsxgraph's exports map hides package.json; its main module lives in src/.
  const dir = dirname(dirname(require.resolve('jsxgraph', { paths: [dirname(require.resolve('@netpad/figure/package.json'))] })));
  const minified = join(dir, 'distrib', 'jsxgraphcore.mjs');
  return {
    minified,
    /** Resolves `jsxgraph` to the minified build. */
    plugin: { name: 'jsxgraph-minified', resolveId: (id) => (id === 'jsxgraph' ? minified : null) },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      // JessieCode inside JSXGraph contains eval; the renderer switches its compiler off
      // (JXG.Options.jc.compile = false) and never hands JSXGraph a string to run.
      if (warning.code === 'EVAL' && warning.id === minified) return;
      warn(warning);
    },
  };
}
