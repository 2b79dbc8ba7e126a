import type { TangentElement } from '../types';
import { defineElementType } from './definition';
import { derivative, linePointReader, PALETTE, strokeAttributes } from './drawing';
import { FUNCTION, numexpr, POINT, spec } from './fields';

/** The tangent to a function graph at a point of it (`at`) or at an x (`x`). */
export const tangent = defineElementType<TangentElement>({
  type: 'tangent',
  spec: spec('linelike', ['of'], { of: { kind: 'ref', ref: FUNCTION }, at: { kind: 'ref', ref: POINT }, x: numexpr }),
  rules(el, path, report) {
    if (('at' in el) === ('x' in el)) {
      report.add(path, 'conflicting_keys', {
        detail: 'A tangent needs exactly one of "at" (a point) and "x" (a number or an expression).',
        detailZh: '切线须恰好使用 “at”（一个点）或 “x”（数或表达式）中的一个。',
      });
    }
  },
  build(el, ctx) {
    const f = () => ctx.functionOf(el.of);
    const at = el.at !== undefined ? ctx.obj(el.at) : undefined;
    const x0 = at ? () => at.X() : ctx.value(el.x ?? 0);
    const slope = () => derivative(f(), x0());
    const object = ctx.board.create(
      'line',
      [
        [() => x0(), () => f()(x0())],
        [() => x0() + 1, () => f()(x0()) + slope()],
      ],
      { ...ctx.common(el, false), ...strokeAttributes(el.style, PALETTE.accent), point1: { visible: false }, point2: { visible: false }, fixed: true },
    );
    return { object, read: linePointReader(object, 'line') };
  },
});
