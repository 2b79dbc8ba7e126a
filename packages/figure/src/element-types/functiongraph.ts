import type { FunctionGraphElement } from '../types';
import { defineElementType } from './definition';
import { PALETTE, strokeAttributes } from './drawing';
import { spec } from './fields';

/** The graph of y = f(x), over its domain or the whole board. */
export const functiongraph = defineElementType<FunctionGraphElement>({
  type: 'functiongraph',
  spec: spec('function', ['f'], { f: { kind: 'expression', locals: ['x'] }, domain: { kind: 'interval' } }),
  build(el, ctx) {
    const f = ctx.compiled(el.f, ['x']).bindNumber(ctx.scope);
    const call = (x: number): number => f(x);
    const parents: unknown[] = [call];
    if (el.domain) parents.push(ctx.value(el.domain[0]), ctx.value(el.domain[1]));
    const object = ctx.board.create('functiongraph', parents, {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.free),
      strokeWidth: el.style?.strokeWidth ?? 2,
      fixed: true,
    });
    return { object, read: () => ({ kind: 'function', call }) };
  },
});
