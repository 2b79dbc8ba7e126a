import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { jsxgraphBuild } from '../../scripts/rollup-jsxgraph.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { iconPng } from './scripts/icons.mjs';

// The add-in's pages, self-contained, into dist/: content.html (the content add-in, both views),
// dialog/start.html and dialog/signed-in.html (sign-in), testing-content.html (tests only; the
// server hides it unless asked). The renderer is bundled into the content page, not loaded
// lazily: a slide show must not need the network for it.
const { plugin: jsxgraphMinifiedPlugin, onwarn } = jsxgraphBuild(import.meta.url);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Copies src/pages/ as they are, and draws the icons. */
const pages = {
  name: 'addin-pages',
  buildStart() {
    for (const file of files('src/pages')) this.addWatchFile(file);
  },
  generateBundle() {
    for (const file of files('src/pages')) this.emitFile({ type: 'asset', fileName: relative('src/pages', file), source: readFileSync(file) });
    for (const size of [32, 64, 80]) this.emitFile({ type: 'asset', fileName: `assets/icon-${size}.png`, source: iconPng(size) });
  },
};

export default {
  input: {
    content: 'src/entries/content.ts',
    'dialog-start': 'src/entries/dialog-start.ts',
    'dialog-signed-in': 'src/entries/dialog-signed-in.ts',
    'testing-content': 'src/entries/testing-content.ts',
  },
  output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js' },
  plugins: [
    jsxgraphMinifiedPlugin,
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    typescript({ tsconfig: './tsconfig.json', sourceMap: true, noEmitOnError: true }),
    terser({ format: { comments: false }, ecma: 2020, keep_classnames: true }),
    pages,
  ],
  onwarn,
};
