// A rollup plugin for the bundles the platform serves: after each write it puts a Brotli (`.br`)
// and a gzip (`.gz`) copy beside every text file, so the server answers `Accept-Encoding` from
// disk instead of compressing per request, and lists the content-hashed files in
// `netpad-assets.json` so the server may call them immutable. Only rollup knows which names
// carry a hash: an entry `frame.js` and a chunk `element-BDcrGww1.js` look alike otherwise.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const ASSETS_MANIFEST = 'netpad-assets.json';
// Source maps are left as they are: only developer tools fetch them, and they are the largest files.
const TEXT = /\.(js|mjs|css|html|json|svg|txt|xml)$/;

const hashedPattern = (pattern) => typeof pattern === 'string' && pattern.includes('[hash]');

/** Writes the compressed copies of one file; a copy that saves nothing is not kept. */
export function compressFile(file) {
  const body = readFileSync(file);
  const written = [];
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gz = gzipSync(body, { level: 9 });
  for (const [suffix, data] of [['.br', br], ['.gz', gz]]) {
    if (data.length < body.length * 0.95) {
      writeFileSync(file + suffix, data);
      written.push(suffix);
    }
  }
  return { size: body.length, br: br.length, gz: gz.length, written };
}

export function precompress() {
  return {
    name: 'netpad-precompress',
    writeBundle(options, bundle) {
      const dir = options.dir ?? dirname(options.file);
      const immutable = new Set();
      for (const [fileName, item] of Object.entries(bundle)) {
        // A chunk's source map is listed with its chunk: it carries the chunk's name, hash or not.
        if (item.type === 'asset' && fileName.endsWith('.map') && bundle[fileName.slice(0, -4)]) continue;
        const hashed =
          item.type === 'asset' ? hashedPattern(options.assetFileNames ?? 'assets/[name]-[hash][extname]') : hashedPattern(item.isEntry ? options.entryFileNames : options.chunkFileNames);
        const files = [fileName];
        if (item.type === 'chunk' && item.map) files.push(`${fileName}.map`);
        for (const file of files) {
          if (hashed) immutable.add(file);
          if (TEXT.test(file) && existsSync(join(dir, file))) compressFile(join(dir, file));
        }
      }
      // Several builds may write into one folder: keep what the others listed.
      const manifestFile = join(dir, ASSETS_MANIFEST);
      const before = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')).immutable ?? [] : [];
      const all = [...new Set([...before.filter((f) => existsSync(join(dir, f))), ...immutable])].sort();
      writeFileSync(manifestFile, `${JSON.stringify({ immutable: all }, null, 2)}\n`);
    },
  };
}
