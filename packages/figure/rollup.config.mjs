import typescript from '@rollup/plugin-typescript';

// Library build: dependencies stay external; the browser bundles of the element decide how
// to ship JSXGraph (one lazy chunk).
export default {
  input: {
    index: 'src/index.ts',
    render: 'src/render/index.ts',
    poster: 'src/poster/index.ts',
    // Its own module, so a page's first script can pick titles without taking the validator.
    localize: 'src/localize.ts',
  },
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  external: (id) => id === 'jsxgraph' || id === 'jsdom' || id.startsWith('node:'),
  plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
};
