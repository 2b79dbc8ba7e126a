// Every shipped figure's poster, byte for byte: a change of the renderer that moves a single
// pixel of a poster shows here. When a change is meant (a new drawing feature), regenerate with
// NETPAD_UPDATE_POSTER_DIGESTS=1 and say in the commit why the posters changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { renderPoster } from '@netpad/figure/poster';

const digestsFile = new URL('./poster-digests.json', import.meta.url);
const dirs = [new URL('../../../examples/figures/', import.meta.url), new URL('../../platform/seed/figures/', import.meta.url)];

async function shipped(): Promise<{ name: string; doc: unknown }[]> {
  const out: { name: string; doc: unknown }[] = [];
  for (const dir of dirs) {
    const index = JSON.parse(await readFile(new URL('index.json', dir), 'utf8')) as { file: string }[];
    for (const { file } of index) out.push({ name: file, doc: JSON.parse(await readFile(new URL(file, dir), 'utf8')) });
  }
  return out;
}

describe('posters of the shipped figures', () => {
  it('are byte-identical to the recorded ones, in both languages', async () => {
    const digests: Record<string, string> = {};
    for (const { name, doc } of await shipped()) {
      for (const locale of ['zh-CN', 'en']) digests[`${name} ${locale}`] = createHash('sha256').update(await renderPoster(doc, undefined, { locale })).digest('hex');
    }
    if (process.env.NETPAD_UPDATE_POSTER_DIGESTS === '1') {
      await writeFile(digestsFile, `${JSON.stringify(digests, null, 2)}\n`);
      return;
    }
    const recorded = JSON.parse(await readFile(digestsFile, 'utf8')) as Record<string, string>;
    const changed = Object.keys(digests).filter((k) => recorded[k] !== digests[k]);
    assert.deepEqual(changed, [], 'these posters changed (regenerate the digests if that is meant, and say why)');
    assert.deepEqual(Object.keys(recorded).sort(), Object.keys(digests).sort());
  });
});
