import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import { figureJsonSchema, validateFigure } from '@netpad/figure';

const figuresDir = new URL('../../../examples/figures/', import.meta.url);
const schemaFile = new URL('../schema/figure.schema.json', import.meta.url);

describe('the JSON Schema', () => {
  it('is the one generated from the element catalogue (run the build to refresh it)', async () => {
    assert.deepEqual(JSON.parse(await readFile(schemaFile, 'utf8')), figureJsonSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(figureJsonSchema());

  it('accepts every example figure, as validateFigure does', async () => {
    for (const file of await readdir(figuresDir)) {
      if (file === 'index.json' || !file.endsWith('.json')) continue;
      const doc = JSON.parse(await readFile(new URL(file, figuresDir), 'utf8'));
      assert.equal(validate(doc), true, `${file}: ${ajv.errorsText(validate.errors)}`);
      assert.equal(validateFigure(doc).ok, true, file);
    }
  });

  it('accepts version 2 documents and their types', () => {
    const v2 = { format: 'netpad-figure', version: 2, title: 't', board: { boundingBox: [0, 1, 1, 0] }, elements: [{ id: 'A', type: 'point', x: 0, y: 0 }, { id: 'B', type: 'point', x: 1, y: 0 }, { id: 'sq', type: 'regularpolygon', points: ['A', 'B'], n: 4 }] };
    assert.equal(validate(v2), true, ajv.errorsText(validate.errors));
    assert.equal(validateFigure(v2).ok, true);
    assert.equal(validate({ ...v2, version: 1 }), false);
  });

  it('rejects the shape errors validateFigure rejects', () => {
    const good = { format: 'netpad-figure', version: 1, title: 't', board: { boundingBox: [0, 1, 1, 0] }, elements: [{ id: 'A', type: 'point', x: 0, y: 0 }] };
    const bad = [
      { ...good, version: 3 },
      // A version-2 type in a version-1 document.
      { ...good, elements: [...good.elements, { id: 'B', type: 'point', x: 1, y: 0 }, { id: 'm', type: 'perpbisector', points: ['A', 'B'] }] },
      { ...good, elements: [{ id: 'A', type: 'hyperboloid' }] },
      { ...good, elements: [{ id: '1A', type: 'point', x: 0, y: 0 }] },
      { ...good, elements: [{ id: 'A', type: 'point', x: 0, y: 0, colour: 'red' }] },
      { ...good, elements: [{ id: 'A', type: 'point', x: 0 }] },
      { ...good, elements: [{ id: 'A', type: 'point', x: 0, y: 0, style: { fillOpacity: 2 } }] },
      { ...good, board: { boundingBox: [0, 1, 1] } },
      { ...good, extra: true },
    ];
    for (const doc of bad) {
      assert.equal(validate(doc), false, JSON.stringify(doc));
      assert.equal(validateFigure(doc).ok, false, JSON.stringify(doc));
    }
  });
});
