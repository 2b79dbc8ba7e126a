import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { precompress } from '../../scripts/rollup-precompress.mjs';

// One classic script (async-loadable, no module needed on the blog), minified.
export default {
  input: 'src/netpad.ts',
  output: { file: 'dist/netpad.js', format: 'iife', sourcemap: true },
  plugins: [typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist', sourceMap: true }), terser({ format: { comments: false } }), precompress()],
};
