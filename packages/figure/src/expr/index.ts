/**
 * The figure expression language: a small, safe arithmetic language with its own lexer, parser
 * and closure compiler. No host code is ever reached by name: identifiers resolve only through
 * `Scope.lookup`, the formula's locals and the builtin Maps.
 */
import { compileTree } from './compile';
import type { EvalContext } from './context';
import { ExpressionError, formatExpressionError } from './errors';
import { BUILTINS, CONSTANTS, VARIABLE_NAMES } from './functions';
import type { ValueKind } from './kinds';
import { parseExpression } from './parser';
import type { ExprValue, Scope } from './values';

export type { ValueKind } from './kinds';
export type { ExprNode, BinaryOperator } from './ast';
export type { ExpressionErrorCode, ErrorParams } from './errors';
export type { ErrorMessages } from './messages';
export * from './values';
export { ExpressionError, formatExpressionError, parseExpression };
export { MAX_LENGTH, MAX_DEPTH } from './parser';
/** Host-object names (constructor, __proto__, window, …) that are always unknown, whatever the scope says. */
export { HOST_NAMES } from './functions';

export type Locals = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface CompileOptions {
  /** Variables bound by the formula itself, e.g. ['x'] for a function graph, ['t'] for a curve. */
  locals?: readonly string[];
  /** When given, names are checked at compile time: undefined means "no such element" → unknown_name; and static argument kinds are checked (wrong_argument_type, unknown_member). */
  resolveKind?: (name: string) => ValueKind | undefined;
  /**
   * The one scope the expression will run against (the renderer's): names resolve to its readers
   * at once. Evaluating it against another scope still reads this one's elements.
   */
  bound?: Scope;
}

export interface CompiledExpression {
  readonly source: string;
  /** Element ids this expression reads (not locals, constants or builtin function names). Used for dependency ordering and cycle detection. */
  readonly names: ReadonlySet<string>;
  /** Evaluates; never throws at run time for bad values: type mismatches and math errors give NaN. */
  evaluate(scope: Scope, locals?: Locals): ExprValue;
  /** evaluate(), then NaN unless the result is a finite-or-infinite number. */
  evaluateNumber(scope: Scope, locals?: Locals): number;
  /**
   * evaluateNumber() against one scope, as a plain function of the locals in their declared
   * order (`x`, then `t`): what a plotted graph calls hundreds of times per redraw, so it
   * allocates nothing per call.
   */
  bindNumber(scope: Scope): (first?: number, second?: number) => number;
}

/** Names an element id may not take: constants, builtin function names, and the formula variables. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...CONSTANTS.keys(), ...BUILTINS.keys(), ...VARIABLE_NAMES]);

const NO_LOCALS: readonly number[] = [];

/** Only the declared names are read, and a record only through its own properties. */
function readLocals(names: readonly string[], locals: Locals | undefined): readonly number[] {
  if (names.length === 0) return NO_LOCALS;
  const values = new Array<number>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let v: unknown;
    if (locals instanceof Map) v = locals.get(name);
    else if (typeof locals === 'object' && locals !== null && Object.hasOwn(locals, name)) v = (locals as Readonly<Record<string, number>>)[name];
    values[i] = typeof v === 'number' ? v : NaN;
  }
  return values;
}

/** Anything that is not a number or a tagged object (a scope returning junk) reads as NaN. */
function sanitize(v: unknown): ExprValue {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string') return v as ExprValue;
  return NaN;
}

export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const localNames = [...(options.locals ?? [])];
  const ast = parseExpression(source);
  const tree = compileTree(ast, { locals: localNames, resolveKind: options.resolveKind, bound: options.bound });
  const root = tree.root;
  const evaluate = (scope: Scope, locals?: Locals): ExprValue => {
    const ctx: EvalContext = { scope, locals: readLocals(localNames, locals) };
    try {
      return sanitize(root(ctx));
    } catch {
      // Only host code can throw here (a scope or a function graph): the contract is NaN.
      return NaN;
    }
  };
  return {
    source,
    names: tree.names,
    evaluate,
    evaluateNumber(scope, locals) {
      const v = evaluate(scope, locals);
      return typeof v === 'number' ? v : NaN;
    },
    bindNumber(scope) {
      // Compiled again for a scope that can resolve names once, unless it already was for this one
      // (it compiled above: it cannot fail now).
      const bound = scope === options.bound || !scope.reader ? root : compileTree(ast, { locals: localNames, resolveKind: undefined, bound: scope }).root;
      const values = localNames.map(() => NaN);
      const ctx: EvalContext = { scope, locals: values };
      const count = values.length;
      return (first = NaN, second = NaN) => {
        if (count > 0) values[0] = first;
        if (count > 1) values[1] = second;
        try {
          const v = bound(ctx);
          return typeof v === 'number' ? v : NaN;
        } catch {
          return NaN;
        }
      };
    },
  };
}
