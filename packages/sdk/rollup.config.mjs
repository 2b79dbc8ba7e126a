import typescript from '@rollup/plugin-typescript';

export default {
  input: { index: 'src/index.ts' },
  output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  external: (id) => id.startsWith('@netpad/'),
  plugins: [typescript({ tsconfig: './tsconfig.json', outputToFilesystem: true })],
};
