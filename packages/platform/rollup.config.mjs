import typescript from '@rollup/plugin-typescript';

// A Node build: every dependency stays external.
export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts', 'poster-worker': 'src/poster-worker.ts' },
  output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
};
