import type { PerpendicularBisectorElement } from '../types';
import { defineElementType } from './definition';
import { linePointReader, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec, two } from './fields';

/** The perpendicular bisector of the segment between two points (线段的垂直平分线, 中垂线). */
export const perpendicularBisector = defineElementType<PerpendicularBisectorElement>({
  type: 'perpbisector',
  since: 2,
  spec: spec('linelike', ['points'], { points: two(POINT) }),
  build(el, ctx) {
    const [a, b] = el.points.map((id) => ctx.obj(id));
    const mx = () => (a!.X() + b!.X()) / 2;
    const my = () => (a!.Y() + b!.Y()) / 2;
    // Through the midpoint, along AB turned a quarter: (−dy, dx).
    const object = ctx.board.create(
      'line',
      [
        [mx, my],
        [() => mx() - (b!.Y() - a!.Y()), () => my() + (b!.X() - a!.X())],
      ],
      { ...ctx.common(el, false), ...strokeAttributes(el.style, PALETTE.stroke), point1: { visible: false }, point2: { visible: false }, fixed: true },
    );
    return { object, read: linePointReader(object, 'line') };
  },
});
