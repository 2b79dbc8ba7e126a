import type { ExprValue, Scope } from './values';

/** What compiled closures read while evaluating: the scope, and the locals by their compile-time index. */
export interface EvalContext {
  readonly scope: Scope;
  readonly locals: readonly number[];
}

/** A compiled sub-expression that always gives a number. */
export type NumFn = (ctx: EvalContext) => number;
/** A compiled sub-expression that may give a geometric value. */
export type ValFn = (ctx: EvalContext) => ExprValue;
