import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { precompress } from '../../scripts/rollup-precompress.mjs';
import { jsxgraphBuild } from '../../scripts/rollup-jsxgraph.mjs';

// Two builds, as for <netpad-embed>:
// - the library (dist/*.js): ESM for bundlers, every dependency external;
// - the browser bundle (dist/browser/netpad-editor.js): self-contained for a <script type="module">;
//   the renderer with JSXGraph is its own chunk, loaded when the first editor draws its board.
const { minified: jsxgraphMinified, plugin: jsxgraphMinifiedPlugin, onwarn } = jsxgraphBuild(import.meta.url);

export default [
  {
    input: { index: 'src/index.ts', 'netpad-editor': 'src/netpad-editor.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@netpad/'),
    plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
    onwarn,
  },
  {
    input: { 'netpad-editor': 'src/netpad-editor.ts' },
    output: {
      dir: 'dist/browser',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      // Named chunks, because rollup pulls a manual chunk's dependencies into it: without the
      // `editor` chunk the validator (which the editor needs at once) would ride in `renderer`.
      manualChunks: (id) => {
        if (/\/figure\/dist\/render\.js$/.test(id) || id === jsxgraphMinified || id.includes('/jsxgraph/')) return 'renderer';
        if (id.endsWith('/editor/src/netpad-editor.ts')) return undefined;
        if (id.includes('/figure/dist/') || id.includes('/editor/src/') || /\/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(id)) return 'editor';
        return undefined;
      },
    },
    plugins: [
      jsxgraphMinifiedPlugin,
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist/browser', sourceMap: true }),
      terser({ format: { comments: false }, ecma: 2020, keep_classnames: true }),
      precompress(),
    ],
    onwarn,
  },
];
