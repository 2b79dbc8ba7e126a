import { expect } from '@esm-bundle/chai';
import { ELEMENT_SPECS, ELEMENT_TYPES, figureJsonSchema } from '../index';
import { directReferences, ELEMENT_TYPE_DEFINITIONS, elementTypeDefinition, expressionsOf } from './catalogue';
import type { FigureElement } from '../types';

describe('the element catalogue: one module per element type', () => {
  it('registers each type once, and validation and the JSON Schema read their types from it', () => {
    const types = ELEMENT_TYPE_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).to.equal(types.length);
    expect(ELEMENT_TYPES).to.deep.equal(types);
    expect(Object.keys(ELEMENT_SPECS)).to.deep.equal(types);
    const schema = figureJsonSchema() as { properties: { elements: { items: { properties: { type: { enum: string[] } } } } } };
    expect(schema.properties.elements.items.properties.type.enum).to.deep.equal(types);
    for (const d of ELEMENT_TYPE_DEFINITIONS) expect(typeof d.build, d.type).to.equal('function');
    expect(elementTypeDefinition('hexagon')).to.equal(undefined);
    expect(elementTypeDefinition('toString')).to.equal(undefined);
  });

  it('finds every reference and expression of an element from its type’s keys alone', () => {
    const cases: [FigureElement, string[], string[]][] = [
      [{ id: 'c', type: 'circle', through: ['A', 'B', 'C'] }, ['A', 'B', 'C'], []],
      [{ id: 'c', type: 'circle', center: 'O', radius: 'r + 1' }, ['O'], ['r + 1']],
      [{ id: 't', type: 'tangent', of: 'f', at: 'P' }, ['f', 'P'], []],
      [{ id: 'm', type: 'midpoint', of: 's' }, ['s'], []],
      [{ id: 'g', type: 'functiongraph', f: 'k*x^2', domain: [0, 'b'] }, [], ['k*x^2', 'b']],
      [{ id: 'T', type: 'text', x: 1, y: 'h', text: { en: 'area {A}', 'zh-CN': '面积 {B:2}' } }, [], ['h', 'A', 'B']],
      [{ id: 'q', type: 'riemann', of: 'f', n: 'n', from: 0, to: 1 }, ['f'], ['n']],
    ];
    for (const [el, refs, sources] of cases) {
      expect(directReferences(el), el.type).to.deep.equal(refs);
      expect(expressionsOf(el).map((e) => e.source).sort(), el.type).to.deep.equal([...sources].sort());
    }
    expect(expressionsOf({ id: 'g', type: 'functiongraph', f: 'x' })[0]!.locals).to.deep.equal(['x']);
  });

  it('says which types keep state a reader changes', () => {
    const kind = (el: Record<string, unknown>) => elementTypeDefinition(el.type as string)!.stateKind?.(el);
    expect(kind({ type: 'point', x: 1, y: 2 })).to.equal('point');
    expect(kind({ type: 'point', x: 1, y: 2, fixed: true })).to.equal(undefined);
    expect(kind({ type: 'point', x: 'a', y: 2 })).to.equal(undefined);
    expect(kind({ type: 'glider', on: 'c', x: 0, y: 0 })).to.equal('point');
    expect(kind({ type: 'slider', min: 0, max: 1, value: 0 })).to.equal('number');
    expect(kind({ type: 'segment', points: ['A', 'B'] })).to.equal(undefined);
  });
});
