export default {
  globs: ['src/components/**/*.component.ts', 'src/netpad-editor.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
};
