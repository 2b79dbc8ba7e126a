import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { renderPoster, InvalidFigureError } from '@netpad/figure/poster';

const figuresDir = new URL('../../../examples/figures/', import.meta.url);
const xml = new JSDOM('').window;

async function figure(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(file, figuresDir), 'utf8'));
}

function parseSvg(svg: string): Document {
  const doc = new xml.DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  assert.equal(error, undefined, `not well-formed XML: ${error?.textContent}`);
  return doc;
}

describe('renderPoster', () => {
  let index: { file: string; title: Record<string, string>; dir: URL }[];
  before(async () => {
    // The examples and the platform's extra seed figures: every figure the project ships.
    const seedDir = new URL('../../platform/seed/figures/', import.meta.url);
    const examples = JSON.parse(await readFile(new URL('index.json', figuresDir), 'utf8')) as { file: string; title: Record<string, string> }[];
    const seed = JSON.parse(await readFile(new URL('index.json', seedDir), 'utf8')) as { file: string; title: Record<string, string> }[];
    index = [...examples.map((e) => ({ ...e, dir: figuresDir })), ...seed.map((e) => ({ ...e, dir: seedDir }))];
  });

  it('draws every shipped figure as a well-formed, self-contained SVG', async () => {
    assert.ok(index.length >= 40, `only ${index.length} figures`);
    for (const { file, title, dir } of index) {
      const svg = await renderPoster(JSON.parse(await readFile(new URL(file, dir), 'utf8')));
      const doc = parseSvg(svg);
      const root = doc.documentElement;
      assert.equal(root.tagName, 'svg', file);
      assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg', file);
      assert.equal(root.getAttribute('viewBox'), '0 0 640 480', file);
      assert.equal(doc.getElementsByTagName('title')[0]?.textContent, title['zh-CN'], file);
      assert.ok(doc.getElementsByTagName('text').length > 0, `${file}: no SVG text`);
      assert.equal(doc.getElementsByTagName('script').length, 0, `${file}: script`);
      assert.equal(doc.querySelectorAll('foreignObject *').length, 0, `${file}: HTML inside`);
      for (const el of doc.getElementsByTagName('*')) {
        for (const attr of el.attributes) {
          assert.ok(!/^on/i.test(attr.name), `${file}: event handler attribute ${attr.name}`);
          assert.ok(!/^(https?:)?\/\//.test(attr.value) || attr.name === 'xmlns', `${file}: external reference ${attr.value}`);
        }
      }
    }
  });

  it('draws a given state and the requested language', async () => {
    const doc = await figure('hyperbola-rectangle.json');
    const svg = await renderPoster(doc, { k: 5 }, { locale: 'en', width: 800, height: 600 });
    const texts = [...parseSvg(svg).getElementsByTagName('text')].map((t) => t.textContent ?? '');
    const area = texts.find((t) => t.startsWith('area of OMPN'));
    assert.ok(area, `no English area text in ${texts.join(' | ')}`);
    assert.match(area, /= 5\.00$/);
    assert.match(svg, /viewBox="0 0 800 600"/);
  });

  it('draws the types of format version 2', async () => {
    const svg = await renderPoster({
      format: 'netpad-figure',
      version: 2,
      title: 'v2',
      board: { boundingBox: [-5, 5, 5, -5] },
      elements: [
        { id: 'A', type: 'point', x: 0, y: 0 },
        { id: 'B', type: 'point', x: 2, y: 0 },
        { id: 'C', type: 'point', x: 1, y: 2 },
        { id: 'l', type: 'line', points: ['A', 'B'] },
        { id: 'sq', type: 'regularpolygon', points: ['A', 'B'], n: 5 },
        { id: 'm', type: 'perpbisector', points: ['A', 'B'] },
        { id: 'half', type: 'semicircle', points: ['A', 'B'] },
        { id: 'pie', type: 'sector', center: 'A', from: 'B', to: 'C' },
        { id: 'par', type: 'parabola', focus: 'C', directrix: 'l' },
        { id: 'hyp', type: 'hyperbola', foci: ['A', 'B'], through: 'C' },
        { id: 'D', type: 'reflection', of: 'C', about: 'l' },
        { id: 'k', type: 'circle', center: 'A', through: 'B' },
        { id: 'G', type: 'glider', on: 'k', x: 2, y: 0 },
        { id: 'M', type: 'midpoint', of: ['C', 'G'] },
        { id: 'path', type: 'locus', of: 'M', driver: 'G' },
        { id: 'box', type: 'checkbox', x: -4, y: 4, text: 'Show D', value: true, controls: ['D'] },
        // Images of whole objects.
        { id: 'sqImg', type: 'reflection', of: 'sq', about: 'l' },
        { id: 'kImg', type: 'dilation', of: 'k', center: 'C', factor: 0.5 },
        { id: 'mImg', type: 'rotation', of: 'm', center: 'A', angle: 45 },
      ],
    });
    const doc = parseSvg(svg);
    assert.equal(doc.documentElement.nodeName, 'svg');
    assert.ok(svg.includes('☑ Show D'), 'the checkbox is drawn as text');
    for (const id of ['sq', 'm', 'half', 'pie', 'par', 'hyp', 'D', 'path', 'sqImg', 'kImg', 'mImg']) assert.ok(svg.includes(`_np_${id}`), `${id} is drawn`);
  });

  it('keeps author text as escaped text', async () => {
    const svg = await renderPoster({
      format: 'netpad-figure',
      version: 1,
      title: '<script>alert(1)</script>',
      board: { boundingBox: [-5, 5, 5, -5] },
      elements: [
        { id: 'A', type: 'point', x: 0, y: 0, label: '<img src=x onerror=alert(1)>' },
        { id: 'T', type: 'text', x: 1, y: 1, text: '<b>bold</b> {A.x}' },
      ],
    });
    const doc = parseSvg(svg);
    assert.equal(doc.getElementsByTagName('script').length, 0);
    assert.equal(doc.getElementsByTagName('img').length, 0);
    assert.equal(doc.getElementsByTagName('b').length, 0);
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(svg.includes('&lt;b&gt;bold&lt;/b&gt; 0.00'));
  });

  it('refuses an invalid document with its errors', async () => {
    await assert.rejects(
      renderPoster({ format: 'netpad-figure', version: 1, title: 't', board: { boundingBox: [0, 1, 1, 0] }, elements: [{ id: 'A', type: 'point', x: 'B.x', y: 0 }] }),
      (err: unknown) => err instanceof InvalidFigureError && err.errors[0]?.path === '$.elements[0].x',
    );
  });

  it('refuses absurd sizes', async () => {
    await assert.rejects(renderPoster(await figure('pythagoras.json'), undefined, { width: 100000 }), RangeError);
  });

  it('leaves no browser globals behind in Node', async () => {
    await renderPoster(await figure('sine-wave.json'));
    assert.equal(typeof (globalThis as Record<string, unknown>).window, 'undefined');
    assert.equal(typeof (globalThis as Record<string, unknown>).document, 'undefined');
    assert.equal(typeof (globalThis as Record<string, unknown>).HTMLElement, 'undefined');
  });
});
