import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { precompress } from '../../scripts/rollup-precompress.mjs';
import { jsxgraphBuild } from '../../scripts/rollup-jsxgraph.mjs';

// Two builds:
// - the library (dist/*.js): ESM for bundlers, every dependency external;
// - the browser bundle (dist/browser/): self-contained, for a <script type="module"> on any
//   page. Its first chunk holds the element and the validator; the renderer with JSXGraph is
//   a second chunk that loads only when a figure is about to be drawn.
const { minified: jsxgraphMinified, plugin: jsxgraphMinifiedPlugin, onwarn } = jsxgraphBuild(import.meta.url);

export default [
  {
    input: { index: 'src/index.ts', 'netpad-embed': 'src/netpad-embed.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@netpad/'),
    plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
    onwarn,
  },
  {
    // netpad-embed.js: the element with the SDK; frame.js and signed-in.js: the platform's
    // /embed/:id and /embed/signed-in pages.
    input: { 'netpad-embed': 'src/browser.ts', frame: 'src/frame/frame-page.ts', 'signed-in': 'src/frame/signed-in.ts' },
    // The element's chunk may be the netpad-embed.js entry itself, exporting what the frame pages
    // import from it too, instead of a stub entry that imports the chunk (a request less).
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/browser',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      // Two chunks: `element` (the element, Lit, the SDK client, figure/localize), which every
      // entry loads first, and `renderer` (JSXGraph, the renderer and the validator: the element
      // validates only once it is about to draw). Named explicitly, because rollup would
      // otherwise move modules the renderer also uses (localize) into the renderer chunk.
      manualChunks: (id) => {
        if (id.includes('/figure/dist/render') || id.includes('/figure/dist/chunks/') || id === jsxgraphMinified || id.includes('/jsxgraph/')) return 'renderer';
        // (Entry modules stay out of it: an entry's module in a manual chunk makes that chunk the
        // entry. So do the panels, lazy chunks for the readers who must sign in, buy or edit.)
        // browser.ts, netpad-embed.js, is in it: a page's first script is the element itself, not a
        // stub that imports it (one request less before the renderer is asked for).
        const entryModule = /\/embed-element\/src\/(frame\/frame-page\.ts|frame\/signed-in\.ts)$/.test(id);
        if (id.includes('/figure/dist/localize') || (id.includes('/embed-element/src/') && !entryModule && !id.includes('/panels/')) || /\/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(id) || id.includes('/sdk/dist/index')) return 'element';
        return undefined;
      },
    },
    plugins: [
      jsxgraphMinifiedPlugin,
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist/browser', sourceMap: true }),
      // Error classes keep their names (the element and pages tell SDK errors apart by `err.name`); other class names may go.
      terser({ format: { comments: false }, ecma: 2020, keep_classnames: /Error$/ }),
      precompress(),
    ],
    onwarn,
  },
];
