import type { BisectorElement } from '../types';
import { defineElementType } from './definition';
import { linePointReader, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec, three } from './fields';

/** The bisector of the angle ABC (points A, B, C). */
export const bisector = defineElementType<BisectorElement>({
  type: 'bisector',
  spec: spec('linelike', ['points'], { points: three(POINT) }),
  build(el, ctx) {
    const object = ctx.board.create('bisector', el.points.map((id) => ctx.obj(id)), {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.stroke),
      point: { visible: false },
      fixed: true,
    });
    return { object, read: linePointReader(object, 'line') };
  },
});
