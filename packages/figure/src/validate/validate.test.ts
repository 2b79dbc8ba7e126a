import { expect } from '@esm-bundle/chai';
import { parseFigure, validateFigure, LIMITS, type FigureValidationError } from './validate';

type Doc = Record<string, unknown> & { elements: Record<string, unknown>[] };

/** A small valid figure; each bad case below breaks one thing in a fresh copy. */
function base(): Doc {
  return {
    format: 'netpad-figure',
    version: 1,
    title: { 'zh-CN': '测试', en: 'Test' },
    board: { boundingBox: [-5, 5, 5, -5], axis: true },
    elements: [
      { id: 'k', type: 'slider', min: 0, max: 5, value: 1 },
      { id: 'A', type: 'point', x: 0, y: 0 },
      { id: 'B', type: 'point', x: 'A.x + k', y: 1 },
      { id: 's', type: 'segment', points: ['A', 'B'] },
      { id: 'f', type: 'functiongraph', f: 'k*x^2' },
      { id: 'label1', type: 'text', x: 1, y: 1, text: 'AB = {dist(A, B):1}' },
    ],
  };
}

function errorsOf(doc: unknown): readonly FigureValidationError[] {
  const result = validateFigure(doc);
  expect(result.ok, 'document should be invalid').to.equal(false);
  return result.errors;
}

function expectError(doc: unknown, path: string, code: string): void {
  const errors = errorsOf(doc);
  const found = errors.find((e) => e.path === path && e.code === code);
  expect(found, `expected ${code} at ${path}, got ${JSON.stringify(errors.map((e) => [e.path, e.code]))}`).to.exist;
}

describe('validateFigure', () => {
  it('accepts a valid document and returns it typed', () => {
    const result = validateFigure(base());
    expect(result.errors).to.deep.equal([]);
    expect(result.ok).to.equal(true);
  });

  it('accepts references to elements listed later', () => {
    const doc = base();
    doc.elements.unshift({ id: 'm', type: 'midpoint', of: ['A', 'B'] });
    expect(validateFigure(doc).ok).to.equal(true);
  });

  const cases: [string, (d: Doc) => unknown, string, string][] = [
    ['a non-object document', () => [1, 2], '$', 'not_an_object'],
    ['a wrong format', (d) => ({ ...d, format: 'geogebra' }), '$.format', 'wrong_format'],
    ['another version', (d) => ({ ...d, version: 3 }), '$.version', 'unsupported_version'],
    ['a missing title', (d) => ({ ...d, title: undefined }), '$', 'missing_key'],
    ['an unknown top-level key', (d) => ({ ...d, colour: 'red' }), '$.colour', 'unknown_key'],
    ['a bounding box with 3 numbers', (d) => ({ ...d, board: { boundingBox: [0, 1, 2] } }), '$.board.boundingBox', 'wrong_type'],
    ['an empty bounding box', (d) => ({ ...d, board: { boundingBox: [5, 5, -5, -5] } }), '$.board.boundingBox[2]', 'out_of_range'],
    ['a string in the bounding box', (d) => ({ ...d, board: { boundingBox: [-5, '5', 5, -5] } }), '$.board.boundingBox[1]', 'wrong_type'],
    ['an unknown element type', (d) => (d.elements.push({ id: 'h', type: 'hyperboloid' }), d), '$.elements[6].type', 'unknown_element_type'],
    ['a duplicate id', (d) => (d.elements.push({ id: 'A', type: 'point', x: 1, y: 1 }), d), '$.elements[6].id', 'duplicate_id'],
    ['a bad id', (d) => (d.elements.push({ id: '1st', type: 'point', x: 1, y: 1 }), d), '$.elements[6].id', 'bad_id'],
    ['a reserved id', (d) => (d.elements.push({ id: 'sin', type: 'point', x: 1, y: 1 }), d), '$.elements[6].id', 'reserved_id'],
    ['a dangling reference', (d) => (d.elements.push({ id: 'l', type: 'line', points: ['A', 'Z'] }), d), '$.elements[6].points[1]', 'dangling_reference'],
    ['a dangling name in an expression', (d) => (d.elements.push({ id: 'C', type: 'point', x: 'Q.x', y: 0 }), d), '$.elements[6].x', 'dangling_reference'],
    ['a reference of the wrong kind', (d) => (d.elements.push({ id: 'l', type: 'line', points: ['A', 'k'] }), d), '$.elements[6].points[1]', 'wrong_reference_kind'],
    [
      'a cycle',
      (d) => (d.elements.push({ id: 'P', type: 'point', x: 'Q.x', y: 0 }, { id: 'Q', type: 'point', x: 'P.x + 1', y: 0 }), d),
      '$.elements[6]',
      'cycle',
    ],
    ['a self reference', (d) => (d.elements.push({ id: 'P', type: 'point', x: 'P.y', y: 0 }), d), '$.elements[6]', 'cycle'],
    ['a slider value outside its range', (d) => ((d.elements[0]!.value = 9), d), '$.elements[0].value', 'out_of_range'],
    ['a slider with min ≥ max', (d) => ((d.elements[0]!.max = -1), d), '$.elements[0].max', 'out_of_range'],
    ['a coordinate too far out', (d) => ((d.elements[1]!.x = 1e9), d), '$.elements[1].x', 'out_of_range'],
    ['a non-finite number smuggled as a string', (d) => ((d.elements[1]!.x = 'Infinity'), d), '$.elements[1].x', 'dangling_reference'],
    ['a wrong type for a boolean', (d) => ((d.elements[1]!.fixed = 'yes'), d), '$.elements[1].fixed', 'wrong_type'],
    ['an unknown key on an element', (d) => ((d.elements[1]!.colour = '#f00'), d), '$.elements[1].colour', 'unknown_key'],
    ['a bad colour', (d) => ((d.elements[3]!.style = { color: 'red; background:url(x)' }), d), '$.elements[3].style.color', 'wrong_type'],
    ['an opacity above 1', (d) => ((d.elements[3]!.style = { fillOpacity: 1.5 }), d), '$.elements[3].style.fillOpacity', 'out_of_range'],
    ['a syntax error in an expression', (d) => ((d.elements[4]!.f = 'k*x^'), d), '$.elements[4].f', 'bad_expression'],
    ['an unknown member', (d) => ((d.elements[2]!.x = 'A.z'), d), '$.elements[2].x', 'bad_expression'],
    ['a wrong argument type', (d) => ((d.elements[2]!.x = 'dist(k, A)'), d), '$.elements[2].x', 'bad_expression'],
    ['an unclosed brace in a text', (d) => ((d.elements[5]!.text = 'AB = {dist(A,B)'), d), '$.elements[5].text', 'bad_text_template'],
    ['a bad expression inside a text', (d) => ((d.elements[5]!.text = { en: 'x = {A.q}' }), d), '$.elements[5].text.en', 'bad_expression'],
    ['a polygon with two points', (d) => (d.elements.push({ id: 'p', type: 'polygon', points: ['A', 'B'] }), d), '$.elements[6].points', 'out_of_range'],
    ['a circle with both radius and through', (d) => (d.elements.push({ id: 'c', type: 'circle', center: 'A', through: 'B', radius: 2 }), d), '$.elements[6]', 'conflicting_keys'],
    ['a tangent without a point or x', (d) => (d.elements.push({ id: 'tg', type: 'tangent', of: 'f' }), d), '$.elements[6]', 'conflicting_keys'],
    ['a missing required key', (d) => (d.elements.push({ id: 'g', type: 'glider', on: 's', x: 0 }), d), '$.elements[6]', 'missing_key'],
    ['a Riemann sum with too many rectangles', (d) => (d.elements.push({ id: 'r', type: 'riemann', of: 'f', n: 5000, from: 0, to: 1 }), d), '$.elements[6].n', 'out_of_range'],
    ['state for an element that has none', (d) => ({ ...d, state: { s: 1 } }), '$.state.s', 'bad_state'],
    ['state for a missing element', (d) => ({ ...d, state: { nope: 1 } }), '$.state.nope', 'bad_state'],
    ['a point state that is not a pair', (d) => ({ ...d, state: { A: 3 } }), '$.state.A', 'wrong_type'],
    ['an empty element list', (d) => ({ ...d, elements: [] }), '$.elements', 'out_of_range'],
    ['too many elements', (d) => ({ ...d, elements: Array.from({ length: LIMITS.elements + 1 }, (_, i) => ({ id: `P${i}`, type: 'point', x: 0, y: 0 })) }), '$.elements', 'too_many_elements'],
    ['an oversized document', (d) => ({ ...d, description: 'x'.repeat(LIMITS.documentBytes) }), '$', 'too_large'],
    ['an over-long text', (d) => ({ ...d, title: 'x'.repeat(LIMITS.textLength + 1) }), '$.title', 'out_of_range'],
    ['a title of the wrong type', (d) => ({ ...d, title: 42 }), '$.title', 'wrong_type'],
    ['a bad stage in meta', (d) => ({ ...d, meta: { stage: 'university' } }), '$.meta.stage', 'wrong_type'],
  ];

  for (const [name, mutate, path, code] of cases) {
    it(`rejects ${name} at ${path}`, () => expectError(mutate(base()), path, code));
  }

  it('writes the Chinese message of every bad case in Chinese, with no English words mixed in', () => {
    // Once: "2 items 超出范围：exactly 3".
    const english = /\b(items?|exactly|to|at most|characters|must|greater|than|topics|elements|an? (number|string|integer|array|object))\b/;
    for (const [name, mutate] of cases) {
      const result = validateFigure(mutate(base()));
      for (const e of result.errors) expect(e.messages['zh-CN'], `${name}: ${e.messages['zh-CN']}`).to.not.match(english);
    }
  });

  it(`covers at least 20 kinds of bad document (${cases.length})`, () => {
    expect(cases.length).to.be.at.least(20);
  });

  it('reports every problem, not just the first', () => {
    const doc = base();
    doc.elements.push({ id: 'A', type: 'point', x: 1, y: 1 }, { id: 'l', type: 'line', points: ['A', 'Z'] }, { id: 'q', type: 'nope' });
    const codes = errorsOf(doc).map((e) => e.code);
    expect(codes).to.include.members(['duplicate_id', 'dangling_reference', 'unknown_element_type']);
  });

  it('gives every message in English and Chinese, and the requested one as `message`', () => {
    const doc = base();
    doc.elements.push({ id: 'l', type: 'line', points: ['A', 'Z'] });
    const [en] = validateFigure(doc).errors;
    const [zh] = validateFigure(doc, { locale: 'zh-CN' }).errors;
    expect(en!.message).to.equal(en!.messages.en);
    expect(zh!.message).to.equal(zh!.messages['zh-CN']);
    expect(en!.messages.en).to.contain('"Z"');
    expect(en!.messages['zh-CN']).to.match(/[\u4e00-\u9fff]/);
    expect(en!.messages['zh-CN']).to.not.equal(en!.messages.en);
  });

  it('names the position of an expression error', () => {
    const doc = base();
    doc.elements[4]!.f = 'k * * x';
    const [error] = validateFigure(doc).errors;
    expect(error!.params.position).to.equal(4);
    expect(error!.message).to.contain('character 5');
  });

  it('never throws on hostile input', () => {
    const hostile: unknown[] = [null, undefined, 0, 'x', [], { elements: {} }, { ...base(), elements: [null, 1, 'x', []] }];
    const proto = JSON.parse('{"format":"netpad-figure","version":1,"title":"t","board":{"boundingBox":[0,1,1,0]},"elements":[{"id":"__proto__","type":"point","x":0,"y":0}],"__proto__":{"polluted":true}}');
    hostile.push(proto);
    for (const doc of hostile) expect(() => validateFigure(doc)).to.not.throw();
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('parseFigure', () => {
  it('reports invalid JSON as an error at $', () => {
    const result = parseFigure('{"format": ');
    expect(result.ok).to.equal(false);
    expect(result.errors[0]!.code).to.equal('not_json');
  });

  it('refuses oversized text before parsing it', () => {
    const result = parseFigure(`"${'x'.repeat(LIMITS.documentBytes + 10)}"`);
    expect(result.errors[0]!.code).to.equal('too_large');
  });

  it('parses and validates a good document', () => {
    expect(parseFigure(JSON.stringify(base())).ok).to.equal(true);
  });

  describe('hostile documents get a short answer in bounded work', () => {
    /** 127 texts of 2,000 characters, each `{a}{a}{a}…`: about 84,000 references to nothing. */
    function danglingFlood(): Doc {
      const doc = base();
      for (let i = 0; i < 127; i++) doc.elements.push({ id: `t${i}`, type: 'text', x: 0, y: 0, text: '{a}'.repeat(666) });
      return doc;
    }

    it('returns the first errors and the total, stopping once the expression budget is spent', () => {
      const result = validateFigure(danglingFlood());
      expect(result.ok).to.equal(false);
      expect(result.errors.length).to.equal(LIMITS.errors);
      // The base figure spends 3 expressions; every other one up to the budget dangles, then one
      // error says the budget ran out.
      expect(result.total).to.equal(LIMITS.expressions - 3 + 1);
      const last = validateFigure(danglingFlood());
      expect(last.errors.every((e) => e.code === 'dangling_reference')).to.equal(true);
      expect(JSON.stringify(result.errors).length).to.be.below(60_000);
    });

    it('names the budget it ran out of, in both languages', () => {
      const doc = base();
      for (let i = 0; i < 127; i++) doc.elements.push({ id: `t${i}`, type: 'text', x: 0, y: 0, text: '{k}'.repeat(666) });
      const result = validateFigure(doc);
      expect(result.ok).to.equal(false);
      expect(result.total).to.equal(1);
      expect(result.errors[0]!.code).to.equal('too_complex');
      expect(result.errors[0]!.messages.en).to.contain(`${LIMITS.expressions} expressions`);
      expect(result.errors[0]!.messages['zh-CN']).to.contain('表达式');
    });

    it('counts the expression characters too', () => {
      const doc = base();
      const long = Array.from({ length: 60 }, () => 'k').join('+');
      for (let i = 0; i < 300; i++) doc.elements.push({ id: `p${i}`, type: 'point', x: long, y: long });
      const result = validateFigure(doc);
      expect(result.ok).to.equal(false);
      expect(result.errors.at(-1)!.code).to.equal('too_complex');
      expect(result.errors.at(-1)!.messages.en).to.contain('expression characters');
    });

    it('refuses control characters in texts, which no figure shows and no SVG poster can carry', () => {
      for (const bad of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\ud800', 'x\udc00', '\uffff']) {
        const doc = base();
        doc.title = { 'zh-CN': `标题${bad}`, en: 'Title' };
        expectError(doc, '$.title["zh-CN"]', 'control_character');
      }
      const doc = base();
      doc.elements[5]!.text = 'AB\u0000 = {dist(A, B):1}';
      const errors = errorsOf(doc);
      expect(errors[0]!.code).to.equal('control_character');
      expect(errors[0]!.messages.en).to.contain('U+0000');
      expect(errors[0]!.messages['zh-CN']).to.contain('控制字符');
      // Tabs, newlines, emoji (surrogate pairs) and CJK are text like any other.
      const fine = base();
      fine.title = { 'zh-CN': '第一行\n第二行\t😀', en: 'Line 1\r\nLine 2' };
      expect(validateFigure(fine).ok).to.equal(true);
    });
  });
});
