import type { ParabolaElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { LINELIKE, POINT, spec } from './fields';

/** The points as far from the focus as from the directrix (抛物线：焦点与准线). */
export const parabola = defineElementType<ParabolaElement>({
  type: 'parabola',
  since: 2,
  spec: spec('conic', ['focus', 'directrix'], { focus: { kind: 'ref', ref: POINT }, directrix: { kind: 'ref', ref: LINELIKE } }),
  build(el, ctx) {
    const object = ctx.board.create('parabola', [ctx.obj(el.focus), ctx.obj(el.directrix)], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      ...fillAttributes(el.style, PALETTE.fill, 0),
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'parabola' }) };
  },
});
