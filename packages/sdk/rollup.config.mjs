import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { precompress } from '../../scripts/rollup-precompress.mjs';

export default [
  // The library: dependencies external.
  {
    input: { index: 'src/index.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => id.startsWith('@netpad/') || id === 'oidc-client-ts',
    plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
  },
  // For pages without a bundler: one small module; the sign-in code (oidc-client-ts) is a
  // separate chunk, fetched only when a sign-in starts.
  {
    input: { 'netpad-sdk': 'src/index.ts' },
    // The sign-in chunk imports a few helpers from the entry: let the entry export them rather
    // than become a facade over a shared chunk (one more request before anything runs).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist/browser', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist/browser', sourceMap: true }),
      // Error classes keep their names: callers and logs read `err.name`.
      terser({ format: { comments: false }, keep_classnames: true }),
      precompress(),
    ],
  },
];
