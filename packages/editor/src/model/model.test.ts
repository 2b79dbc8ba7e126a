import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import type { FigureDocument, FigureElement } from '@netpad/figure';
import { addElements, blankDocument, deleteElements, renameElement, setValues, updateElement } from './document';
import { EditRefusedError, NameError } from './errors';
import { History } from './history';
import { nextName } from './names';
import { dependentsOf, renameInExpression } from './references';

const triangle = (): FigureDocument =>
  addElements(blankDocument(), [
    { id: 'A', type: 'point', x: 0, y: 0 },
    { id: 'B', type: 'point', x: 4, y: 0 },
    { id: 'C', type: 'point', x: 1, y: 3 },
    { id: 'a', type: 'segment', points: ['B', 'C'] },
    { id: 'k', type: 'slider', min: 0, max: 5, value: 1 },
    { id: 'D', type: 'point', x: 'A.x + k', y: 1 },
    { id: 'T', type: 'text', x: 0, y: 5, text: { en: 'AB = {dist(A, B)}', 'zh-CN': 'AB = {dist(A, B):1}' } },
    { id: 'M', type: 'midpoint', of: 'a' },
  ]);

describe('editing model: pure edits on figure documents', () => {
  it('adds elements and refuses what the format refuses, leaving the document alone', () => {
    const doc = triangle();
    expect(doc.elements.map((e) => e.id)).to.deep.equal(['A', 'B', 'C', 'a', 'k', 'D', 'T', 'M']);
    expect(() => addElements(doc, [{ id: 'b', type: 'segment', points: ['A', 'Z'] }])).to.throw(EditRefusedError);
    expect(() => addElements(doc, [{ id: 'A', type: 'point', x: 1, y: 1 }])).to.throw(NameError, /name_taken/);
    expect(() => addElements(doc, [{ id: 'sin', type: 'point', x: 1, y: 1 }])).to.throw(NameError, /reserved_name/);
    expect(doc.elements).to.have.length(8);
  });

  it('deletes an element with everything built on it', () => {
    const doc = triangle();
    expect(dependentsOf(doc, ['B'])).to.deep.equal(['a', 'T', 'M']);
    expect(dependentsOf(doc, ['A'])).to.deep.equal(['D', 'T']);
    const after = deleteElements(doc, ['B']);
    expect(after.elements.map((e) => e.id)).to.deep.equal(['A', 'C', 'k', 'D']);
    expect(() => deleteElements(doc, ['nope'])).to.throw(NameError, /no_such_element/);
  });

  it('renames: references, expressions and texts follow; names are checked', () => {
    const doc = renameElement(triangle(), 'A', 'P');
    const byId = (id: string) => doc.elements.find((e) => e.id === id) as FigureElement & Record<string, unknown>;
    expect(byId('P').type).to.equal('point');
    expect(byId('D').x).to.equal('P.x + k');
    expect(byId('T').text).to.deep.equal({ en: 'AB = {dist(P, B)}', 'zh-CN': 'AB = {dist(P, B):1}' });
    const again = renameElement(doc, 'B', 'Q');
    expect((again.elements.find((e) => e.id === 'a') as { points: string[] }).points).to.deep.equal(['Q', 'C']);
    expect(() => renameElement(doc, 'P', 'C')).to.throw(NameError, /name_taken/);
    expect(() => renameElement(doc, 'P', '2x')).to.throw(NameError, /bad_name/);
    expect(() => renameElement(doc, 'P', 'pi')).to.throw(NameError, /reserved_name/);
    // Only names are renamed, never parts of other names or function names.
    expect(renameInExpression('AB + A*sin(A) + A.x', 'A', 'P')).to.equal('AB + P*sin(P) + P.x');
  });

  it('records drags and style changes in the definitions', () => {
    const doc = setValues(triangle(), { A: [1.23456, -2], k: 9 });
    expect(doc.elements[0]).to.deep.include({ x: 1.2346, y: -2 });
    expect(doc.elements.find((e) => e.id === 'k')).to.deep.include({ value: 5 });
    const styled = updateElement(doc, 'a', { style: { color: '#c62828', dash: 2 }, visible: false });
    expect(styled.elements.find((e) => e.id === 'a')).to.deep.include({ visible: false, style: { color: '#c62828', dash: 2 } });
    expect(() => updateElement(doc, 'a', { style: { color: 'red' } })).to.throw(EditRefusedError);
    const shown = updateElement(styled, 'a', { visible: undefined });
    expect('visible' in shown.elements.find((e) => e.id === 'a')!).to.equal(false);
  });

  it('names new objects in the sequences teachers know', () => {
    expect(nextName('point', new Set())).to.equal('A');
    expect(nextName('point', new Set(['A', 'B']))).to.equal('C');
    expect(nextName('line', new Set(['a', 'b', 'c', 'd']))).to.equal('g');
    expect(nextName('function', new Set())).to.equal('f');
    expect(nextName('angle', new Set(['alpha']))).to.equal('beta');
    expect(nextName('polygon', new Set(['poly1']))).to.equal('poly2');
    const all = new Set('ABCDEFGHIJKLMNOPQRSTUVWZ'.split(''));
    expect(nextName('point', all)).to.equal('A1');
  });
});

describe('undo and redo', () => {
  it('steps back and forth, and a new step drops what could be redone', () => {
    const h = new History(blankDocument());
    const one = addElements(h.document, [{ id: 'A', type: 'point', x: 0, y: 0 }]);
    h.push(one, 'A = (0, 0)');
    const two = addElements(one, [{ id: 'B', type: 'point', x: 1, y: 0 }]);
    h.push(two, 'B = (1, 0)');
    expect(h.undoLabel).to.equal('B = (1, 0)');
    expect(h.undo()?.label).to.equal('B = (1, 0)');
    expect(h.document).to.equal(one);
    expect(h.redoLabel).to.equal('B = (1, 0)');
    h.push(addElements(one, [{ id: 'C', type: 'point', x: 2, y: 0 }]), 'C');
    expect(h.canRedo).to.equal(false);
    expect(h.undo() && h.undo() && h.document.elements).to.deep.equal([]);
    expect(h.undo()).to.equal(undefined);
  });

  it('never loses a step: for random edits, undoing all gives the blank figure and redoing all gives the same figure', () => {
    type Op = { kind: 'point'; x: number; y: number } | { kind: 'segment'; a: number; b: number } | { kind: 'delete'; i: number } | { kind: 'rename'; i: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('point' as const), x: fc.integer({ min: -5, max: 5 }), y: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ kind: fc.constant('segment' as const), a: fc.nat(20), b: fc.nat(20) }),
      fc.record({ kind: fc.constant('delete' as const), i: fc.nat(20) }),
      fc.record({ kind: fc.constant('rename' as const), i: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const blank = blankDocument();
        const h = new History(blank);
        const snapshots: string[] = [JSON.stringify(blank)];
        let n = 0;
        for (const o of ops) {
          const doc = h.document;
          const points = doc.elements.filter((e) => e.type === 'point').map((e) => e.id);
          let next: FigureDocument | undefined;
          try {
            if (o.kind === 'point') next = addElements(doc, [{ id: `P${n++}`, type: 'point', x: o.x, y: o.y }]);
            else if (o.kind === 'segment' && points.length >= 2) {
              const a = points[o.a % points.length]!;
              const b = points[o.b % points.length]!;
              if (a !== b) next = addElements(doc, [{ id: `s${n++}`, type: 'segment', points: [a, b] }]);
            } else if (o.kind === 'delete' && doc.elements.length) next = deleteElements(doc, [doc.elements[o.i % doc.elements.length]!.id]);
            else if (o.kind === 'rename' && doc.elements.length) next = renameElement(doc, doc.elements[o.i % doc.elements.length]!.id, `R${n++}`);
          } catch {
            next = undefined;
          }
          if (next) {
            h.push(next, o.kind);
            snapshots.push(JSON.stringify(next));
          }
        }
        const final = JSON.stringify(h.document);
        const seen: string[] = [];
        while (h.canUndo) {
          h.undo();
          seen.unshift(JSON.stringify(h.document));
        }
        expect(JSON.stringify(h.document)).to.equal(JSON.stringify(blank));
        expect([...seen, final]).to.deep.equal(snapshots);
        while (h.canRedo) h.redo();
        expect(JSON.stringify(h.document)).to.equal(final);
      }),
      { numRuns: 150 },
    );
  });
});
