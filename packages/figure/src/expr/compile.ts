/**
 * Turns a syntax tree into a tree of closures. Names, kinds and operators are all decided here,
 * once; evaluating (on every drag frame, hundreds of times per plotted graph) only runs closures.
 */
import type { BinaryNode, CallNode, ExprNode, MemberNode, NameNode, UnaryNode } from './ast';
import type { EvalContext, NumFn, ValFn } from './context';
import { ExpressionError } from './errors';
import { BUILTINS, CONSTANTS, HOST_NAMES, VARIABLE_NAMES, type Builtin } from './functions';
import { asCircle, asPoint, asSegment, distance } from './geometry';
import type { StaticKind, ValueKind } from './kinds';
import type { ExprValue, Scope } from './values';

export interface CompileSettings {
  readonly locals: readonly string[];
  readonly resolveKind: ((name: string) => ValueKind | undefined) | undefined;
  /** The one scope the result will run against: names resolve to its readers now, not per evaluation. */
  readonly bound?: Scope;
}

/** A compiled node. `num` is set when the result is a number by construction (not merely by declared kind). */
interface Compiled {
  readonly kind: StaticKind;
  readonly num: NumFn | undefined;
  readonly val: ValFn;
  /** Known at compile time: folded into its parent. */
  readonly constant: number | undefined;
}

export interface CompiledTree {
  readonly root: ValFn;
  readonly names: ReadonlySet<string>;
}

/** Folding runs closures whose inputs are all constants, so they never look at the context. */
const FOLDING_CONTEXT: EvalContext = { scope: { lookup: () => undefined }, locals: [] };

function numeric(fn: NumFn): Compiled {
  return { kind: 'number', num: fn, val: fn, constant: undefined };
}

function constant(value: number): Compiled {
  const fn: NumFn = () => value;
  return { kind: 'number', num: fn, val: fn, constant: value };
}

/** `fn` computed from `inputs`: folded to a constant when every input is one. */
function derived(fn: NumFn, inputs: readonly Compiled[]): Compiled {
  return inputs.every((c) => c.constant !== undefined) ? constant(fn(FOLDING_CONTEXT)) : numeric(fn);
}

function toNum(c: Compiled): NumFn {
  if (c.num) return c.num;
  const val = c.val;
  return (ctx) => {
    const v = val(ctx);
    return typeof v === 'number' ? v : NaN;
  };
}

function isFunctionValue(v: ExprValue | undefined): v is Extract<ExprValue, { kind: 'function' }> {
  return typeof v === 'object' && v !== null && v.kind === 'function' && typeof v.call === 'function';
}

/** Members by kind; checked at compile time, read through the shape checkers at run time. */
const MEMBER_OWNER: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['x', 'point'],
  ['y', 'point'],
  ['r', 'circle'],
  ['length', 'segment'],
]);

function memberReader(member: string, object: ValFn): NumFn {
  switch (member) {
    case 'x':
      return (ctx) => asPoint(object(ctx))?.x ?? NaN;
    case 'y':
      return (ctx) => asPoint(object(ctx))?.y ?? NaN;
    case 'r':
      return (ctx) => asCircle(object(ctx))?.radius ?? NaN;
    default: {
      return (ctx) => {
        const s = asSegment(object(ctx));
        return s ? distance(s.a, s.b) : NaN;
      };
    }
  }
}

function arithmetic(operator: BinaryNode['operator'], a: NumFn, b: NumFn): NumFn {
  switch (operator) {
    case '+':
      return (ctx) => a(ctx) + b(ctx);
    case '-':
      return (ctx) => a(ctx) - b(ctx);
    case '*':
      return (ctx) => a(ctx) * b(ctx);
    case '/':
      return (ctx) => a(ctx) / b(ctx);
    case '^':
      return (ctx) => Math.pow(a(ctx), b(ctx));
    // Comparisons give 1 or 0, and NaN when a side is undefined (NaN stays "does not exist").
    case '<':
      return comparison(a, b, (x, y) => x < y);
    case '<=':
      return comparison(a, b, (x, y) => x <= y);
    case '>':
      return comparison(a, b, (x, y) => x > y);
    case '>=':
      return comparison(a, b, (x, y) => x >= y);
    case '==':
      return comparison(a, b, (x, y) => x === y);
    case '!=':
      return comparison(a, b, (x, y) => x !== y);
  }
}

function comparison(a: NumFn, b: NumFn, test: (x: number, y: number) => boolean): NumFn {
  return (ctx) => {
    const x = a(ctx);
    const y = b(ctx);
    return x !== x || y !== y ? NaN : test(x, y) ? 1 : 0;
  };
}

/** Calls without building an argument array for the usual 1–3 arguments. */
function callWith<T>(impl: (...args: T[]) => number, args: readonly ((ctx: EvalContext) => T)[]): NumFn {
  const [a, b, c] = args;
  switch (args.length) {
    case 1:
      return (ctx) => impl(a!(ctx));
    case 2:
      return (ctx) => impl(a!(ctx), b!(ctx));
    case 3:
      return (ctx) => impl(a!(ctx), b!(ctx), c!(ctx));
    default:
      return (ctx) => impl(...args.map((f) => f(ctx)));
  }
}

class Compiler {
  readonly names = new Set<string>();
  private readonly localIndex: ReadonlyMap<string, number>;

  constructor(private readonly settings: CompileSettings) {
    this.localIndex = new Map(settings.locals.map((name, i) => [name, i]));
  }

  compile(node: ExprNode): Compiled {
    switch (node.type) {
      case 'number':
        return constant(node.value);
      case 'name':
        return this.name(node);
      case 'member':
        return this.member(node);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
    }
  }

  private name(node: NameNode): Compiled {
    const name = node.name;
    const local = this.localIndex.get(name);
    if (local !== undefined) return numeric((ctx) => ctx.locals[local]!);
    const value = CONSTANTS.get(name);
    if (value !== undefined) return constant(value);
    if (BUILTINS.has(name)) throw new ExpressionError('unknown_name', node.pos, { name }, 'function_without_call');
    if (VARIABLE_NAMES.includes(name)) throw new ExpressionError('unknown_name', node.pos, { name }, 'not_a_variable');
    const kind = this.element(name, node.pos, 'unknown_name');
    const read = this.settings.bound?.reader?.(name);
    if (read) {
      const num: NumFn = () => {
        const v = read();
        return typeof v === 'number' ? v : NaN;
      };
      return { kind, num: kind === 'number' ? num : undefined, val: () => read() ?? NaN, constant: undefined };
    }
    const lookup: ValFn = (ctx) => ctx.scope.lookup(name) ?? NaN;
    return { kind, num: undefined, val: lookup, constant: undefined };
  }

  /** An element id: checked against `resolveKind` when given, and recorded as a dependency. */
  private element(name: string, pos: number, code: 'unknown_name' | 'unknown_function'): StaticKind {
    if (HOST_NAMES.has(name)) throw new ExpressionError(code, pos, { name });
    const resolve = this.settings.resolveKind;
    let kind: StaticKind = 'any';
    if (resolve) {
      const resolved = resolve(name);
      if (resolved === undefined) throw new ExpressionError(code, pos, { name });
      kind = resolved;
    }
    this.names.add(name);
    return kind;
  }

  private member(node: MemberNode): Compiled {
    const object = this.compile(node.object);
    const owner = MEMBER_OWNER.get(node.member);
    if (object.kind !== 'any' && owner !== object.kind) {
      throw new ExpressionError('unknown_member', node.memberPos, { member: node.member, kind: object.kind }, 'member_of_kind');
    }
    if (owner === undefined) throw new ExpressionError('unknown_member', node.memberPos, { member: node.member });
    return numeric(memberReader(node.member, object.val));
  }

  /** Operators work on numbers; a known non-number operand is a compile-time error. */
  private operand(node: ExprNode, operator: string): Compiled {
    const c = this.compile(node);
    if (c.kind !== 'any' && c.kind !== 'number') {
      throw new ExpressionError('wrong_argument_type', node.pos, { operator, actual: c.kind }, 'operand_type');
    }
    return c;
  }

  private unary(node: UnaryNode): Compiled {
    const operand = this.operand(node.operand, node.operator);
    const f = toNum(operand);
    if (node.operator === '+') return { ...numeric(f), constant: operand.constant };
    return derived((ctx) => -f(ctx), [operand]);
  }

  private binary(node: BinaryNode): Compiled {
    const left = this.operand(node.left, node.operator);
    const right = this.operand(node.right, node.operator);
    return derived(arithmetic(node.operator, toNum(left), toNum(right)), [left, right]);
  }

  private call(node: CallNode): Compiled {
    const builtin = BUILTINS.get(node.callee);
    if (builtin) return this.builtinCall(node, builtin);
    return this.elementCall(node);
  }

  private checkCount(node: CallNode, min: number, max: number): void {
    const count = node.args.length;
    if (count < min || count > max) {
      throw new ExpressionError('wrong_argument_count', node.pos, { name: node.callee, min, max, count });
    }
  }

  private argument(node: CallNode, index: number, allowed: readonly ValueKind[]): Compiled {
    const arg = node.args[index]!;
    const c = this.compile(arg);
    if (c.kind !== 'any' && !allowed.includes(c.kind)) {
      throw new ExpressionError('wrong_argument_type', arg.pos, {
        name: node.callee,
        index: index + 1,
        expected: allowed.join('|'),
        actual: c.kind,
      });
    }
    return c;
  }

  private builtinCall(node: CallNode, builtin: Builtin): Compiled {
    this.checkCount(node, builtin.minArgs, builtin.maxArgs);
    const kinds = builtin.argKinds;
    const args = node.args.map((_, i) => this.argument(node, i, kinds[Math.min(i, kinds.length - 1)]!));
    switch (builtin.type) {
      case 'numeric':
        return derived(callWith(builtin.impl, args.map(toNum)), args);
      case 'geometric':
        return derived(
          callWith(
            builtin.impl,
            args.map((a) => a.val),
          ),
          args,
        );
      case 'lazy': {
        const impl = builtin.impl;
        const fns = args.map(toNum);
        return numeric((ctx) => impl(ctx, fns));
      }
    }
  }

  /** `f(2)` where `f` is a function graph: one number in, one number out. */
  private elementCall(node: CallNode): Compiled {
    const name = node.callee;
    if (this.localIndex.has(name) || CONSTANTS.has(name)) {
      throw new ExpressionError('unknown_function', node.pos, { name, kind: 'number' }, 'not_callable');
    }
    if (VARIABLE_NAMES.includes(name)) throw new ExpressionError('unknown_function', node.pos, { name });
    const kind = this.element(name, node.pos, 'unknown_function');
    if (kind !== 'any' && kind !== 'function') {
      throw new ExpressionError('unknown_function', node.pos, { name, kind }, 'not_callable');
    }
    this.checkCount(node, 1, 1);
    const arg = toNum(this.argument(node, 0, ['number']));
    return numeric((ctx) => {
      const f = ctx.scope.lookup(name);
      if (!isFunctionValue(f)) return NaN;
      const y = f.call(arg(ctx));
      return typeof y === 'number' ? y : NaN;
    });
  }
}

export function compileTree(node: ExprNode, settings: CompileSettings): CompiledTree {
  const compiler = new Compiler(settings);
  const root = compiler.compile(node);
  return { root: root.val, names: compiler.names };
}
