import { expect } from '@esm-bundle/chai';
import {
  compileExpression,
  ExpressionError,
  formatExpressionError,
  parseExpression,
  RESERVED_NAMES,
  type CompileOptions,
  type ExprValue,
  type PointValue,
  type Scope,
  type ValueKind,
} from './index';

const pt = (x: number, y: number): PointValue => ({ kind: 'point', x, y });

function makeScope(entries: Record<string, ExprValue>): Scope & { looked: string[] } {
  const values = new Map(Object.entries(entries));
  const looked: string[] = [];
  return {
    looked,
    lookup(name) {
      looked.push(name);
      return values.get(name);
    },
  };
}

let graphCalls = 0;
const VALUES: Record<string, ExprValue> = {
  A: pt(1, 2),
  B: pt(4, 6),
  O: pt(0, 0),
  P: pt(1, 0),
  Q: pt(0, 1),
  s: { kind: 'segment', a: pt(1, 2), b: pt(4, 6) },
  l: { kind: 'line', a: pt(0, 0), b: pt(2, 4) },
  v: { kind: 'line', a: pt(1, 0), b: pt(1, 5) },
  c: { kind: 'circle', center: pt(0, 0), radius: 2 },
  sq: { kind: 'polygon', vertices: [pt(0, 0), pt(2, 0), pt(2, 2), pt(0, 2)] },
  tri: { kind: 'polygon', vertices: [pt(0, 0), pt(0, 3), pt(4, 0)] },
  f: {
    kind: 'function',
    call: (x: number) => {
      graphCalls++;
      return x * x;
    },
  },
  k: 3,
  I: 2.5,
  arc1: { kind: 'opaque', type: 'arc' },
};
const scope = makeScope(VALUES);

function kindOf(v: ExprValue): ValueKind {
  return typeof v === 'number' ? 'number' : v.kind;
}
const resolveKind = (name: string): ValueKind | undefined => {
  const v = new Map(Object.entries(VALUES)).get(name);
  return v === undefined ? undefined : kindOf(v);
};
const typed: CompileOptions = { resolveKind };

function num(source: string, locals?: Record<string, number>, options: CompileOptions = {}): number {
  const names = locals ? Object.keys(locals) : [];
  return compileExpression(source, { locals: names, ...options }).evaluateNumber(scope, locals);
}

function close(source: string, expected: number, locals?: Record<string, number>): void {
  const value = num(source, locals);
  expect(value, source).to.be.closeTo(expected, 1e-12);
}

function errorOf(source: string, options?: CompileOptions): ExpressionError {
  try {
    compileExpression(source, options);
  } catch (err) {
    expect(err, source).to.be.instanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error(`expected "${source}" to be refused`);
}

function expectError(source: string, code: string, position: number, options?: CompileOptions): ExpressionError {
  const err = errorOf(source, options);
  expect(err.code, `${source}: ${err.message}`).to.equal(code);
  expect(err.position, `${source}: ${err.message}`).to.equal(position);
  return err;
}

describe('expressions: numbers and precedence', () => {
  it('reads number literals', () => {
    expect(num('3')).to.equal(3);
    expect(num('0.5')).to.equal(0.5);
    expect(num('.5')).to.equal(0.5);
    expect(num('1e-3')).to.equal(0.001);
    expect(num('2E+2')).to.equal(200);
    expect(num('1e3')).to.equal(1000);
    expect(num('007')).to.equal(7);
  });

  it('binds * and / tighter than + and -', () => {
    expect(num('1 + 2 * 3')).to.equal(7);
    expect(num('(1 + 2) * 3')).to.equal(9);
    expect(num('10 - 4 / 2')).to.equal(8);
  });

  it('is left-associative for - and /', () => {
    expect(num('1-2-3')).to.equal(-4);
    expect(num('8/4/2')).to.equal(1);
  });

  it('is right-associative for ^, under unary minus', () => {
    expect(num('2^3^2')).to.equal(512);
    expect(num('-2^2')).to.equal(-4);
    expect(num('(-2)^2')).to.equal(4);
    expect(num('2^-1')).to.equal(0.5);
    expect(num('2^-1^2')).to.equal(0.5);
    expect(num('--3')).to.equal(3);
    expect(num('+-3')).to.equal(-3);
    expect(num('-3*-2')).to.equal(6);
    expect(num('2*3^2')).to.equal(18);
  });

  it('compares loosest, giving 1 or 0', () => {
    expect(num('1 < 2')).to.equal(1);
    expect(num('2 < 1')).to.equal(0);
    expect(num('1 + 1 <= 2')).to.equal(1);
    expect(num('3 > 2 * 2')).to.equal(0);
    expect(num('2 >= 2')).to.equal(1);
    expect(num('0.5 == 1/2')).to.equal(1);
    expect(num('1 != 1')).to.equal(0);
    expect(num('1 != 2')).to.equal(1);
    expect(num('sqrt(-1) == sqrt(-1)')).to.be.NaN;
  });

  it('does division and powers the IEEE way', () => {
    expect(num('1/0')).to.equal(Infinity);
    expect(num('0/0')).to.be.NaN;
    expect(num('(-8)^(1/3)')).to.be.NaN;
  });

  it('keeps positions in the syntax tree', () => {
    const tree = parseExpression('1 + sin(A.x)');
    expect(tree.type).to.equal('binary');
    if (tree.type !== 'binary') return;
    expect(tree.pos).to.equal(0);
    expect(tree.end).to.equal(12);
    expect(tree.operatorPos).to.equal(2);
    expect(tree.right.type).to.equal('call');
    expect(tree.right.pos).to.equal(4);
    if (tree.right.type !== 'call') return;
    const member = tree.right.args[0];
    expect(member?.type).to.equal('member');
    if (member?.type !== 'member') return;
    expect(member.memberPos).to.equal(10);
    expect(member.end).to.equal(11);
  });
});

describe('expressions: functions', () => {
  it('computes trigonometry in radians', () => {
    close('sin(pi/2)', 1);
    close('cos(pi)', -1);
    close('tan(pi/4)', 1);
    close('asin(1)', Math.PI / 2);
    close('acos(0)', Math.PI / 2);
    close('atan(1)', Math.PI / 4);
    close('sinh(1)', Math.sinh(1));
    close('cosh(1)', Math.cosh(1));
    close('tanh(1)', Math.tanh(1));
    close('atan2(1, 0)', Math.PI / 2);
    close('atan2(-1, -1)', (-3 * Math.PI) / 4);
  });

  it('computes the usual functions', () => {
    expect(num('sqrt(16)')).to.equal(4);
    expect(num('sqrt(-1)')).to.be.NaN;
    expect(num('abs(-3)')).to.equal(3);
    close('exp(1)', Math.E);
    close('ln(e)', 1);
    close('log(e^2)', 2);
    close('log(2, 8)', 3);
    close('log10(1000)', 3);
    expect(num('floor(-1.5)')).to.equal(-2);
    expect(num('ceil(1.2)')).to.equal(2);
    expect(num('round(2.5)')).to.equal(3);
    expect(num('round(-2.5)')).to.equal(-3);
    expect(num('round(1.4)')).to.equal(1);
    expect(num('sign(-4)')).to.equal(-1);
    expect(num('sign(0)')).to.equal(0);
    expect(num('pow(2, 10)')).to.equal(1024);
    close('deg(pi)', 180);
    close('rad(90)', Math.PI / 2);
    close('pi', Math.PI);
    close('e', Math.E);
  });

  it('takes 1 to 32 arguments in min and max', () => {
    expect(num('min(3)')).to.equal(3);
    expect(num('min(3, 1, 2)')).to.equal(1);
    expect(num('max(3, 1, 2, 7, -1)')).to.equal(7);
    const many = Array.from({ length: 32 }, (_, i) => String(i)).join(',');
    expect(num(`max(${many})`)).to.equal(31);
    expectError(`max(${many},32)`, 'wrong_argument_count', 0);
    expectError('min()', 'wrong_argument_count', 0);
  });

  it('measures geometry', () => {
    expect(num('dist(A, B)')).to.equal(5);
    close('angle(P, O, Q)', Math.PI / 2);
    close('angle(Q, O, P)', (3 * Math.PI) / 2);
    expect(num('angle(P, O, P)')).to.equal(0);
    expect(num('angle(O, O, P)')).to.be.NaN;
    expect(num('area(sq)')).to.equal(4);
    expect(num('area(tri)')).to.equal(6);
    close('area(c)', 4 * Math.PI);
    expect(num('area(I)')).to.equal(2.5);
    expect(num('area(k + 1)')).to.equal(4);
    expect(num('length(s)')).to.equal(5);
    close('length(c)', 4 * Math.PI);
    expect(num('slope(l)')).to.equal(2);
    expect(num('slope(s)')).to.be.closeTo(4 / 3, 1e-12);
    expect(Math.abs(num('slope(v)'))).to.equal(Infinity);
  });

  it('evaluates only the chosen branch of if', () => {
    graphCalls = 0;
    expect(num('if(1, 5, f(10))')).to.equal(5);
    expect(num('if(0, f(10), 6)')).to.equal(6);
    expect(graphCalls).to.equal(0);
    expect(num('if(0, 5, f(10))')).to.equal(100);
    expect(graphCalls).to.equal(1);
    expect(num('if(k > 2, 1, -1)')).to.equal(1);
    expect(num('if(-0.5, 1, 2)')).to.equal(1);
    expect(num('if(sqrt(-1), 1, 2)')).to.be.NaN;
  });

  it('calls function graphs', () => {
    expect(num('f(3)')).to.equal(9);
    expect(num('f(f(2)) + 1')).to.equal(17);
    expect(num('f(3)', undefined, typed)).to.equal(9);
    expect(compileExpression('f(A.x)').names).to.deep.equal(new Set(['f', 'A']));
  });
});

describe('expressions: names, members, locals', () => {
  it('reads members', () => {
    expect(num('A.x')).to.equal(1);
    expect(num('A.y')).to.equal(2);
    expect(num('c.r')).to.equal(2);
    expect(num('s.length')).to.equal(5);
    expect(num('A.x^2 + A.y')).to.equal(3);
    expect(num('(B).x')).to.equal(4);
  });

  it('looks up elements through the scope and reports them in names', () => {
    const own = makeScope({ k: 2, A: pt(5, 1) });
    const compiled = compileExpression('2*k + A.x - pi + sin(0)');
    expect(compiled.evaluateNumber(own)).to.be.closeTo(9 - Math.PI, 1e-12);
    expect(compiled.names).to.deep.equal(new Set(['k', 'A']));
    expect(own.looked.sort()).to.deep.equal(['A', 'k']);
    expect(compiled.source).to.equal('2*k + A.x - pi + sin(0)');
  });

  it('returns geometric values from evaluate, NaN from evaluateNumber', () => {
    const compiled = compileExpression('A');
    expect(compiled.evaluate(scope)).to.deep.equal(pt(1, 2));
    expect(compiled.evaluateNumber(scope)).to.be.NaN;
  });

  it('binds locals from a Map or a record', () => {
    const compiled = compileExpression('x^2 + k', { locals: ['x'] });
    expect(compiled.names).to.deep.equal(new Set(['k']));
    expect(compiled.evaluateNumber(scope, { x: 2 })).to.equal(7);
    expect(compiled.evaluateNumber(scope, new Map([['x', 3]]))).to.equal(12);
    expect(compiled.evaluateNumber(scope)).to.be.NaN;
    expect(compiled.evaluateNumber(scope, {})).to.be.NaN;
    close('sin(t) + t', Math.sin(1) + 1, { t: 1 });
  });

  it('reads only own, declared locals', () => {
    const compiled = compileExpression('x', { locals: ['x'] });
    const inherited = Object.create({ x: 5 }) as Record<string, number>;
    expect(compiled.evaluateNumber(scope, inherited)).to.be.NaN;
    expect(compileExpression('k', { locals: ['x'] }).evaluateNumber(makeScope({ k: 1 }), { k: 99, x: 0 })).to.equal(1);
  });

  it('refuses x and t when the formula does not bind them', () => {
    expectError('x + 1', 'unknown_name', 0);
    expectError('2 * t', 'unknown_name', 4, { locals: ['x'] });
  });

  it('gives NaN, never a throw, for missing elements and wrong kinds at run time', () => {
    const empty = makeScope({});
    expect(compileExpression('k + 1').evaluateNumber(empty)).to.be.NaN;
    expect(compileExpression('k').evaluate(empty)).to.be.NaN;
    expect(compileExpression('f(2)').evaluateNumber(empty)).to.be.NaN;
    const wrong = makeScope({ A: 3, k: pt(1, 1), f: 7, c: pt(0, 0), s: { kind: 'opaque', type: 'curve' } });
    expect(compileExpression('A.x').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('k + 1').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('-k').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('f(2)').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('dist(A, k)').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('area(c) + length(s) + c.r + s.length').evaluateNumber(wrong)).to.be.NaN;
    expect(compileExpression('if(k, 1, 2)').evaluateNumber(wrong)).to.be.NaN;
  });

  it('gives NaN when host values misbehave', () => {
    const junk = { lookup: (name: string) => (name === 'k' ? ('7' as unknown as number) : undefined) };
    expect(compileExpression('k + 1').evaluateNumber(junk)).to.be.NaN;
    expect(compileExpression('k').evaluate(junk)).to.be.NaN;
    const throwing: Scope = {
      lookup: () => ({
        kind: 'function',
        call: () => {
          throw new Error('boom');
        },
      }),
    };
    expect(compileExpression('g(1)').evaluateNumber(throwing)).to.be.NaN;
    const badPolygon = makeScope({ p: { kind: 'polygon', vertices: [pt(0, 0), 3 as unknown as PointValue, pt(1, 1)] } });
    expect(compileExpression('area(p)').evaluateNumber(badPolygon)).to.be.NaN;
  });

  it('folds constants but still reads the scope each time', () => {
    let k = 1;
    const live: Scope = { lookup: (name) => (name === 'k' ? k : undefined) };
    const compiled = compileExpression('2*pi*k + 2^3');
    expect(compiled.evaluateNumber(live)).to.be.closeTo(2 * Math.PI + 8, 1e-12);
    k = 2;
    expect(compiled.evaluateNumber(live)).to.be.closeTo(4 * Math.PI + 8, 1e-12);
  });

  it('binds to a scope as a plain function of its locals, giving what evaluateNumber gives', () => {
    let k = 3;
    const live: Scope = { lookup: (name) => (name === 'k' ? k : undefined) };
    const f = compileExpression('k*x^2 + t', { locals: ['x', 't'] });
    const bound = f.bindNumber(live);
    for (const [x, t] of [[0, 0], [1.5, -2], [-3, 0.25]] as const) expect(bound(x, t)).to.equal(f.evaluateNumber(live, { x, t }));
    k = -1;
    expect(bound(2, 1), 'the scope is read at each call').to.equal(-3);
    expect(bound(2), 'a missing local is NaN, as in evaluateNumber').to.be.NaN;
    // A scope with readers: names resolved once, values still read at each call.
    const withReaders: Scope = { lookup: live.lookup, reader: (name) => (name === 'k' ? () => k : undefined) };
    const fast = f.bindNumber(withReaders);
    k = 5;
    expect(fast(2, 1)).to.equal(21);
    expect(fast(2, 1)).to.equal(f.evaluateNumber(live, { x: 2, t: 1 }));
    const points: Scope = { lookup: (name) => (name === 'P' ? pt(1, 2) : undefined), reader: (name) => (name === 'P' ? () => pt(1, 2) : undefined) };
    expect(compileExpression('P').bindNumber(points)(), 'a non-number result is NaN').to.be.NaN;
    expect(compileExpression('P.x + 1').bindNumber(points)(), 'names resolved once through the scope\'s readers').to.equal(2);
    const throwing: Scope = { lookup: () => ({ kind: 'function', call: () => { throw new Error('host'); } }) as never };
    expect(compileExpression('g(1)').bindNumber(throwing)(), 'host errors are NaN').to.be.NaN;
  });

  it('lists reserved names', () => {
    for (const name of ['pi', 'e', 'x', 't', 'sin', 'log', 'if', 'dist', 'slope', 'min']) expect(RESERVED_NAMES.has(name), name).to.equal(true);
    expect(RESERVED_NAMES.has('A')).to.equal(false);
    expect(RESERVED_NAMES.has('constructor')).to.equal(false);
  });
});

describe('expressions: errors', () => {
  it('reports syntax errors with code and 0-based position', () => {
    expectError('1 + * 2', 'unexpected_token', 4);
    expectError('sin(1', 'unexpected_end', 5);
    expectError('1 +', 'unexpected_end', 3);
    expectError('', 'unexpected_end', 0);
    expectError('   ', 'unexpected_end', 3);
    expectError('(1 + 2', 'unexpected_end', 6);
    expectError('1 + 2)', 'unexpected_token', 5);
    expectError('2x', 'unexpected_token', 1);
    expectError('2 (x+1)', 'unexpected_token', 2, { locals: ['x'] });
    expectError('3pi', 'unexpected_token', 1);
    expectError('1 $ 2', 'unexpected_character', 2);
    expectError('1 < 2 < 3', 'unexpected_token', 6);
    expectError('sin(1 2)', 'unexpected_token', 6);
    expectError('sin(1,)', 'unexpected_token', 6);
    expectError('A.', 'unexpected_end', 2);
    expectError('A.1', 'unexpected_token', 1);
    expectError('A.(x)', 'unexpected_token', 2);
    expectError('2.', 'unexpected_end', 2);
    expectError('1 ＋ 2', 'unexpected_character', 2);
    expectError('1\u00a0+ 2', 'unexpected_character', 1);
  });

  it('reports name errors', () => {
    expectError('foo + 1', 'unknown_name', 0, typed);
    expectError('1 + foo(1)', 'unknown_function', 4, typed);
    expectError('sin + 1', 'unknown_name', 0);
    expectError('A(2)', 'unknown_function', 0, typed);
    expectError('k(2)', 'unknown_function', 0, typed);
    expectError('pi(2)', 'unknown_function', 0);
    expectError('x(2)', 'unknown_function', 0, { locals: ['x'] });
    expectError('A.z', 'unknown_member', 2);
    expectError('A.z', 'unknown_member', 2, typed);
    expectError('A.r', 'unknown_member', 2, typed);
    expectError('c.x', 'unknown_member', 2, typed);
    expectError('s.r', 'unknown_member', 2, typed);
    expectError('A.x.y', 'unknown_member', 4);
    expectError('f(1).x', 'unknown_member', 5);
  });

  it('reports argument errors', () => {
    expectError('dist(1,2)', 'wrong_argument_type', 5);
    expectError('dist(A, k)', 'wrong_argument_type', 8, typed);
    expectError('sin(A)', 'wrong_argument_type', 4, typed);
    expectError('area(s)', 'wrong_argument_type', 5, typed);
    expectError('length(A)', 'wrong_argument_type', 7, typed);
    expectError('slope(c)', 'wrong_argument_type', 6, typed);
    expectError('f(A)', 'wrong_argument_type', 2, typed);
    expectError('A + 1', 'wrong_argument_type', 0, typed);
    expectError('-c', 'wrong_argument_type', 1, typed);
    expectError('k < arc1', 'wrong_argument_type', 4, typed);
    expectError('sin(1,2)', 'wrong_argument_count', 0);
    expectError('1 + log()', 'wrong_argument_count', 4);
    expectError('if(1, 2)', 'wrong_argument_count', 0);
    expectError('f(1, 2)', 'wrong_argument_count', 0, typed);
    expectError('f()', 'wrong_argument_count', 0);
  });

  it('limits length and depth', () => {
    const long = '1+'.repeat(250) + '1';
    expect(long.length).to.equal(501);
    expectError(long, 'too_long', 500);
    expect(num('1+'.repeat(249) + '1')).to.equal(250);
    const deep = '('.repeat(65) + '1' + ')'.repeat(65);
    expectError(deep, 'too_deep', 64);
    expect(num('('.repeat(64) + '1' + ')'.repeat(64))).to.equal(1);
    expectError('-'.repeat(65) + '1', 'too_deep', 64);
    expectError('sin('.repeat(65) + '1' + ')'.repeat(65), 'too_deep', 4 * 64 + 3);
    expectError('2^'.repeat(65) + '1', 'too_deep', 2 * 64 + 1);
  });

  it('words messages in English and Chinese with 1-based positions', () => {
    const err = expectError('1 + foo', 'unknown_name', 4, typed);
    expect(err.message).to.equal('Unknown name "foo" at character 5');
    expect(err.messages.en).to.equal(err.message);
    expect(err.messages['zh-CN']).to.equal('第 5 个字符处：未知的名称 “foo”');
    expect(formatExpressionError(err, 'en')).to.equal(err.messages.en);
    expect(formatExpressionError(err, 'zh-CN')).to.equal(err.messages['zh-CN']);
    expect(err.params).to.deep.equal({ name: 'foo' });
    expect(err.name).to.equal('ExpressionError');
    expect(err).to.be.instanceOf(Error);
  });

  it('has a message in both languages for every code', () => {
    const samples: [string, CompileOptions?][] = [
      ['1 $ 2'],
      ['a = 1'],
      ['1 ! 2'],
      ['（1）'],
      ['1\u00a0'],
      ['1 + * 2'],
      ['2x', { locals: ['x'] }],
      ['sin(1'],
      ['1 +'],
      [''],
      ['foo', typed],
      ['sin'],
      ['x'],
      ['foo(1)', typed],
      ['A(1)', typed],
      ['A.z'],
      ['A.z', typed],
      ['sin(1,2)'],
      ['max()'],
      ['log(1,2,3)'],
      ['dist(1,2)'],
      ['area(A)', typed],
      ['A + 1', typed],
      ['1+'.repeat(300)],
      ['('.repeat(70)],
    ];
    const codes = new Set<string>();
    for (const [source, options] of samples) {
      const err = errorOf(source, options);
      codes.add(err.code);
      const { en } = err.messages;
      const zh = err.messages['zh-CN'];
      expect(en, source).to.be.a('string').and.not.equal('');
      expect(zh, source).to.be.a('string').and.not.equal('');
      expect(zh, source).to.not.equal(en);
      expect(zh, `${source}: ${zh}`).to.match(/[\u4e00-\u9fff]/);
      expect(en, `${source}: ${en}`).to.not.match(/[\u4e00-\u9fff]|undefined|NaN/);
      expect(zh, `${source}: ${zh}`).to.not.match(/undefined|NaN/);
    }
    expect([...codes].sort()).to.deep.equal(
      [
        'unexpected_character',
        'unexpected_token',
        'unexpected_end',
        'unknown_name',
        'unknown_function',
        'unknown_member',
        'wrong_argument_count',
        'wrong_argument_type',
        'too_long',
        'too_deep',
      ].sort(),
    );
  });

  it('gives helpful wordings for common mistakes', () => {
    expect(errorOf('2x', { locals: ['x'] }).message).to.contain('2*x');
    expect(errorOf('a = 1').message).to.contain('==');
    expect(errorOf('1 ＋ 2').messages['zh-CN']).to.contain('半角');
    expect(errorOf('sin(1').messages.en).to.contain('character 4');
    expect(errorOf('A(1)', typed).messages['zh-CN']).to.contain('点');
    expect(errorOf('dist(1,2)').messages['zh-CN']).to.equal('第 6 个字符处：函数 “dist” 的参数类型不对，第 1 个参数应为点，而不是数值');
    expect(errorOf('area(A)', typed).messages.en).to.contain('a polygon, a circle or a number');
    expect(errorOf('1\u00a0').messages.en).to.contain('U+00A0');
  });
});

describe('expressions: security', () => {
  const hostile = [
    'constructor',
    '__proto__',
    'prototype',
    'globalThis',
    'window',
    'self',
    'document',
    'this',
    'eval',
    'Function',
    'valueOf',
    'toString',
    'hasOwnProperty',
    'A.constructor',
    'A.__proto__',
    'A.prototype',
    'A.toString',
    'k.valueOf',
    'toString(1)',
    'hasOwnProperty(1)',
    'constructor(1)',
    '__proto__(1)',
    'valueOf()',
    'eval(1)',
    'Function(1)',
    'window.alert',
    'globalThis.x',
    '"abc"',
    "'abc'",
    '`abc`',
    '[1]',
    '{}',
    'a=1',
    'a;b',
    'a => 1',
    'A["x"]',
    'A[0]',
    'f.call',
    'f.call(1)',
    'sin.constructor',
    'new Function',
    'x.constructor',
    'x.__proto__',
  ];
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const functionBefore = Object.getOwnPropertyNames(Function.prototype).sort();

  for (const source of hostile) {
    it(`refuses ${source}`, () => {
      const watched = makeScope(VALUES);
      for (const options of [{ locals: ['x'] }, { locals: ['x'], resolveKind }, { locals: ['x'], resolveKind: () => 'number' as const }]) {
        expect(() => compileExpression(source, options), source).to.throw(ExpressionError);
      }
      expect(watched.looked).to.deep.equal([]);
    });
  }

  it('never hands a host name to the scope, even when the scope would answer', () => {
    const looked: string[] = [];
    const naive: Scope = {
      lookup: (name) => {
        looked.push(name);
        return 1;
      },
    };
    for (const name of ['constructor', '__proto__', 'toString', 'window', 'globalThis']) {
      expect(() => compileExpression(`${name} + 1`).evaluate(naive)).to.throw(ExpressionError);
      expect(() => compileExpression(`${name}(1)`).evaluate(naive)).to.throw(ExpressionError);
    }
    expect(looked).to.deep.equal([]);
  });

  it('does not find inherited properties in its own tables', () => {
    expectError('toString(1)', 'unknown_function', 0, typed);
    expectError('hasOwnProperty(1)', 'unknown_function', 0, typed);
    expectError('constructor', 'unknown_name', 0, typed);
    expectError('__proto__', 'unknown_name', 0, typed);
    expectError('A.constructor', 'unknown_member', 2, typed);
    expectError('A.__proto__', 'unknown_member', 2);
    expectError('x.constructor', 'unknown_member', 2, { locals: ['x'] });
    expectError('"abc"', 'unexpected_character', 0);
    expectError('[1]', 'unexpected_character', 0);
    expectError('a=1', 'unexpected_character', 1);
    expectError('a;b', 'unexpected_character', 1);
    expect(RESERVED_NAMES.has('toString')).to.equal(false);
  });

  it('leaves host prototypes untouched', () => {
    for (const source of hostile) {
      try {
        compileExpression(source).evaluate(scope, { x: 1 });
      } catch {
        // refused, as the tests above check
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(prototypeBefore);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).to.deep.equal(functionBefore);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});
