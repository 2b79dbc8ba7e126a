import type { HyperbolaElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec, two } from './fields';

/** The points whose distances to the two foci differ by a constant: the one `through` has. */
export const hyperbola = defineElementType<HyperbolaElement>({
  type: 'hyperbola',
  since: 2,
  spec: spec('conic', ['foci', 'through'], { foci: two(POINT), through: { kind: 'ref', ref: POINT } }),
  build(el, ctx) {
    const object = ctx.board.create('hyperbola', [ctx.obj(el.foci[0]), ctx.obj(el.foci[1]), ctx.obj(el.through)], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      ...fillAttributes(el.style, PALETTE.fill, 0),
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'hyperbola' }) };
  },
});
