import type { SectorElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec } from './fields';

/** The sector about `center` from `from`, counter-clockwise, to the ray through `to` (扇形). */
export const sector = defineElementType<SectorElement>({
  type: 'sector',
  since: 2,
  spec: spec('arc', ['center', 'from', 'to'], { center: { kind: 'ref', ref: POINT }, from: { kind: 'ref', ref: POINT }, to: { kind: 'ref', ref: POINT } }),
  build(el, ctx) {
    const object = ctx.board.create('sector', [ctx.obj(el.center), ctx.obj(el.from), ctx.obj(el.to)], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      ...fillAttributes(el.style, PALETTE.fill, 0.2),
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'sector' }) };
  },
});
