import { expect } from '@esm-bundle/chai';
import { validateFigure, type FigureDocument } from '@netpad/figure';
import { blankDocument, deleteElements } from '../model/document';
import { InputError, runInput, sliderFor } from './run';
import { definitionText } from './commands';
import { CIRCUMCIRCLE_AND_CENTROID } from '../../test/fixtures';

/** Runs lines one after another, as a teacher types them. */
const type = (lines: string[], doc: FigureDocument = blankDocument(), lang: 'en' | 'zh-CN' = 'en') => lines.reduce((d, line) => runInput(d, line, lang).document, doc);
const error = (doc: FigureDocument, line: string, lang: 'en' | 'zh-CN' = 'en'): InputError => {
  try {
    runInput(doc, line, lang);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`"${line}" ran`);
};

describe('the input line', () => {
  it('builds the triangle with its circumcircle and centroid, line by line', () => {
    const doc = type(['A = (-3, -2)', 'B = (4, -1)', 'C = (1, 4)', 'Polygon(A, B, C)', 'Circle(A, B, C)', 'D = Midpoint(B, C)', 'Segment(A, D)', 'E = Midpoint(C, A)', 'Segment(B, E)', 'G = Intersect(a, b)']);
    expect(doc.elements).to.deep.equal(CIRCUMCIRCLE_AND_CENTROID);
    expect(validateFigure(doc).ok).to.equal(true);
  });

  it('takes nested commands in one line, naming what it makes', () => {
    const doc = type(['A = (-3, -2)', 'B = (4, -1)', 'C = (1, 4)']);
    const result = runInput(doc, 'G = Intersect(Segment(A, Midpoint(B, C)), Segment(B, Midpoint(C, A)))');
    expect(result.created).to.deep.equal(['D', 'a', 'E', 'b', 'G']);
    expect(result.document.elements.slice(3)).to.deep.equal([
      { id: 'D', type: 'midpoint', of: ['B', 'C'] },
      { id: 'a', type: 'segment', points: ['A', 'D'] },
      { id: 'E', type: 'midpoint', of: ['C', 'A'] },
      { id: 'b', type: 'segment', points: ['B', 'E'] },
      { id: 'G', type: 'intersection', of: ['a', 'b'] },
    ]);
  });

  it('understands Chinese command names and full-width punctuation', () => {
    const doc = type(['A=（0，0）', 'B = (4, 0)', 'C = (1, 3)', '圆(A, B, C)', '中点(A，B)', '线段(A、B)'], blankDocument(), 'zh-CN');
    expect(doc.elements.slice(3)).to.deep.equal([
      { id: 'c', type: 'circle', through: ['A', 'B', 'C'] },
      { id: 'D', type: 'midpoint', of: ['A', 'B'] },
      { id: 'a', type: 'segment', points: ['A', 'B'] },
    ]);
    expect(definitionText(doc.elements[3]!, 'zh-CN')).to.equal('圆(A, B, C)');
    expect(definitionText(doc.elements[3]!, 'en')).to.equal('Circle(A, B, C)');
  });

  it('makes functions, sliders and points with expressions', () => {
    const doc = type(['k = 2', 'f(x) = k*x^2 + 1', 'y = 2*x - 1', 'x^3', 'P = (k, f(k))', 'Tangent(P, f)', 'circle(P, k)']);
    expect(doc.elements).to.deep.equal([
      { id: 'k', type: 'slider', min: -5, max: 5, value: 2, step: 0.1 },
      { id: 'f', type: 'functiongraph', f: 'k*x^2 + 1' },
      { id: 'g', type: 'functiongraph', f: '2*x - 1' },
      { id: 'h', type: 'functiongraph', f: 'x^3' },
      { id: 'P', type: 'point', x: 'k', y: 'f(k)' },
      { id: 'a', type: 'tangent', of: 'f', at: 'P' },
      { id: 'c', type: 'circle', center: 'P', radius: 'k' },
    ]);
  });

  it('makes the constructions of format version 2, and writes version 2 only while the figure needs it', () => {
    const base = type(['A = (0, 0)', 'B = (2, 0)', 'C = (1, 2)', 'l = Line(A, B)', 'v = Vector(A, C)']);
    expect(base.version).to.equal(1);
    const doc = type(
      ['中垂线(A, B)', 'RegularPolygon(A, B, 6)', '半圆(A, B)', '扇形(A, B, C)', '抛物线(C, l)', 'Hyperbola(A, B, C)', '轴对称(C, l)', '中心对称(C, A)', 'Rotate(C, 90, A)', '平移(C, v)', '位似(C, 2, A)'],
      base,
      'zh-CN',
    );
    expect(doc.version).to.equal(2);
    expect(doc.elements.slice(5)).to.deep.equal([
      { id: 'a', type: 'perpbisector', points: ['A', 'B'] },
      { id: 'poly1', type: 'regularpolygon', points: ['A', 'B'], n: 6 },
      { id: 'c', type: 'semicircle', points: ['A', 'B'] },
      { id: 'd', type: 'sector', center: 'A', from: 'B', to: 'C' },
      { id: 'k', type: 'parabola', focus: 'C', directrix: 'l' },
      { id: 'm', type: 'hyperbola', foci: ['A', 'B'], through: 'C' },
      { id: 'D', type: 'reflection', of: 'C', about: 'l' },
      { id: 'E', type: 'reflection', of: 'C', about: 'A' },
      { id: 'F', type: 'rotation', of: 'C', angle: 90, center: 'A' },
      { id: 'G', type: 'translation', of: 'C', by: 'v' },
      { id: 'H', type: 'dilation', of: 'C', factor: 2, center: 'A' },
    ]);
    expect(definitionText(doc.elements[6]!, 'zh-CN')).to.equal('正多边形(A, B, 6)');
    expect(definitionText(doc.elements[13]!, 'en')).to.equal('Rotate(C, 90, A)');
    // Deleting the last version-2 object takes the figure back to version 1.
    const back = deleteElements(type(['PerpendicularBisector(A, B)'], base), ['a']);
    expect(back.version).to.equal(1);
    expect(error(base, 'RegularPolygon(A, B, 2)').code).to.equal('invalid');
    // Tangents to a circle from a point: the first, and the second.
    const circle = type(['O = (0, 0)', 'c = Circle(O, 1)', 'P = (2, 0)'], base);
    const tangents = type(['Tangent(P, c)', '切线(P, c, 2)'], circle, 'zh-CN');
    expect(tangents.elements.slice(-2)).to.deep.equal([
      { id: 'a', type: 'circletangent', of: 'c', through: 'P' },
      { id: 'b', type: 'circletangent', of: 'c', through: 'P', index: 1 },
    ]);
    expect(definitionText(tangents.elements.at(-1)!, 'zh-CN')).to.equal('切线(P, c, 2)');
    // A locus is driven by a point on an object.
    const traced = type(['c = Circle(A, B)'], base);
    const withGlider = { ...traced, elements: [...traced.elements, { id: 'G', type: 'glider' as const, on: 'c', x: 2, y: 0 }] };
    const locusDoc = type(['M = Midpoint(C, G)', '轨迹(M, G)'], withGlider, 'zh-CN');
    expect(locusDoc.elements.at(-1)).to.deep.equal({ id: 'loc1', type: 'locus', of: 'M', driver: 'G' });
    expect(error(withGlider, 'Locus(C, A)').code).to.equal('invalid');
    expect(error(base, 'Translate(C, A)').code).to.equal('bad_arguments');
  });

  it('transforms whole objects, naming each image as what it is', () => {
    const base = type(['A = (0, 0)', 'B = (2, 0)', 'C = (1, 2)', 'l = Line(A, B)', 'v = Vector(A, C)', 'q = Polygon(A, B, C)', 's = Segment(B, C)', 'c = Circle(C, 1)']);
    const result = runInput(base, '轴对称(q, l)', 'zh-CN');
    expect(result.created).to.deep.equal(['poly1']);
    const doc = type(['Rotate(s, 90, A)', 'Translate(c, v)', 'Dilate(poly1, 2, A)', 'Reflect(C, l)'], result.document);
    expect(doc.elements.slice(8)).to.deep.equal([
      { id: 'poly1', type: 'reflection', of: 'q', about: 'l' },
      { id: 'a', type: 'rotation', of: 's', angle: 90, center: 'A' },
      { id: 'd', type: 'translation', of: 'c', by: 'v' },
      { id: 'poly2', type: 'dilation', of: 'poly1', factor: 2, center: 'A' },
      { id: 'D', type: 'reflection', of: 'C', about: 'l' },
    ]);
    expect(validateFigure(doc).ok).to.equal(true);
    // An image is what its original is: the image of a polygon can be reflected again, a rotated segment crossed.
    expect(runInput(doc, 'Intersect(a, l)').created).to.deep.equal(['E']);
    expect(error(type(['k = 2'], base), 'Reflect(k, l)').code).to.equal('bad_arguments');
  });

  it('redefines an object in place, so what is built on it follows', () => {
    const doc = type(['A = (0, 0)', 'B = (4, 0)', 'Segment(A, B)', 'A = (1, 1)']);
    expect(doc.elements[0]).to.deep.equal({ id: 'A', type: 'point', x: 1, y: 1 });
    expect(doc.elements[2]).to.deep.equal({ id: 'a', type: 'segment', points: ['A', 'B'] });
  });

  it('says what is wrong and where, and changes nothing', () => {
    const doc = type(['A = (0, 0)', 'B = (4, 0)']);
    const unknown = error(doc, 'Sgment(A, B)');
    expect(unknown.code).to.equal('unknown_command');
    expect([unknown.position, unknown.end]).to.deep.equal([0, 6]);
    const args = error(doc, 'Circle(A)');
    expect(args.code).to.equal('bad_arguments');
    expect(args.messages.en).to.match(/Circle\(point, point\) · Circle\(point, number\) · Circle\(point, point, point\)/);
    expect(error(doc, 'Segment(A, B', 'zh-CN').messages['zh-CN']).to.equal('这个括号没有闭合。');
    expect(error(doc, 'Segment(A, B').position).to.equal(7);
    const expr = error(doc, 'P = (1 +, 2)');
    expect(expr.code).to.equal('expression');
    expect(expr.position).to.be.within(5, 8);
    expect(error(doc, 'Segment(A, )').code).to.equal('empty_argument');
    expect(error(doc, 'sin = (1, 2)').code).to.equal('reserved_name');
    expect(error(doc, '2A = (1, 2)').code).to.equal('bad_target');
    expect(error(doc, '').code).to.equal('empty');
    expect(error(doc, 'Intersect(A, B)').code).to.equal('bad_arguments');
    expect(error(doc, 'd = 2*k + 1').code).to.equal('undefined_name');
  });

  it('offers a slider for a name used before it exists', () => {
    const doc = type(['A = (0, 0)']);
    const missing = error(doc, 'f(x) = m*x + q');
    expect(missing.code).to.equal('undefined_name');
    expect(missing.missingName).to.equal('m');
    expect(missing.position).to.equal(7);
    const withM = sliderFor(doc, 'm');
    expect(error(withM, 'f(x) = m*x + q').missingName).to.equal('q');
    const done = runInput(sliderFor(withM, 'q'), 'f(x) = m*x + q').document;
    expect(done.elements.map((e) => e.id)).to.deep.equal(['A', 'm', 'q', 'f']);
  });

  it('refuses lines whose result the format refuses, naming why', () => {
    const doc = type(['A = (0, 0)']);
    const selfRef = error(doc, 'A = (A.x + 1, 0)');
    expect(selfRef.code).to.equal('invalid');
    expect(selfRef.messages.en).to.match(/cycle|depend/i);
  });
});
