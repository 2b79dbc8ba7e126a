export default {
  globs: ['src/components/**/*.component.ts', 'src/netpad-embed.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
};
