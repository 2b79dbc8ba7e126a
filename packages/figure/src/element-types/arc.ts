import type { ArcElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec } from './fields';

/** The arc about `center` from `from`, counter-clockwise, to the ray through `to`. */
export const arc = defineElementType<ArcElement>({
  type: 'arc',
  spec: spec('arc', ['center', 'from', 'to'], { center: { kind: 'ref', ref: POINT }, from: { kind: 'ref', ref: POINT }, to: { kind: 'ref', ref: POINT } }),
  build(el, ctx) {
    const object = ctx.board.create('arc', [ctx.obj(el.center), ctx.obj(el.from), ctx.obj(el.to)], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      ...fillAttributes(el.style, PALETTE.fill, 0),
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'arc' }) };
  },
});
