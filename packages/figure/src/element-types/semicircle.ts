import type { SemicircleElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec, two } from './fields';

/** The half circle on the diameter from the first point to the second, to its left. */
export const semicircle = defineElementType<SemicircleElement>({
  type: 'semicircle',
  since: 2,
  spec: spec('arc', ['points'], { points: two(POINT) }),
  build(el, ctx) {
    const object = ctx.board.create('semicircle', el.points.map((id) => ctx.obj(id)), {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      ...fillAttributes(el.style, PALETTE.fill, 0),
      center: { visible: false },
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'semicircle' }) };
  },
});
