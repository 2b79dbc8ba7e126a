import type { CurveElement } from '../types';
import { defineElementType } from './definition';
import { PALETTE, strokeAttributes } from './drawing';
import { spec } from './fields';

/** A parametric curve (x(t), y(t)) over an interval of t. */
export const curve = defineElementType<CurveElement>({
  type: 'curve',
  spec: spec('curve', ['x', 'y', 't'], { x: { kind: 'expression', locals: ['t'] }, y: { kind: 'expression', locals: ['t'] }, t: { kind: 'interval' } }),
  build(el, ctx) {
    const cx = ctx.compiled(el.x, ['t']).bindNumber(ctx.scope);
    const cy = ctx.compiled(el.y, ['t']).bindNumber(ctx.scope);
    const object = ctx.board.create(
      'curve',
      [
        (t: number) => cx(t),
        (t: number) => cy(t),
        ctx.value(el.t[0]),
        ctx.value(el.t[1]),
      ],
      { ...ctx.common(el, false), ...strokeAttributes(el.style, PALETTE.free), strokeWidth: el.style?.strokeWidth ?? 2, fixed: true },
    );
    return { object, read: () => ({ kind: 'opaque', type: 'curve' }) };
  },
});
