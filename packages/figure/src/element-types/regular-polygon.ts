import type { RegularPolygonElement } from '../types';
import type { JXGElement } from '../render/jxg';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, pointValue, strokeAttributes } from './drawing';
import { POINT, spec, two } from './fields';

/** The regular n-gon on the side from the first point to the second, counter-clockwise. */
export const regularPolygon = defineElementType<RegularPolygonElement>({
  type: 'regularpolygon',
  since: 2,
  spec: spec('polygon', ['points', 'n'], { points: two(POINT), n: { kind: 'number', min: 3, max: 24, integer: true }, fill: { kind: 'boolean' } }),
  build(el, ctx) {
    const object = ctx.board.create('regularpolygon', [...el.points.map((id) => ctx.obj(id)), el.n], {
      ...ctx.common(el, false),
      ...fillAttributes(el.style, PALETTE.fill, el.fill === false ? 0 : 0.25),
      borders: { ...strokeAttributes(el.style, PALETTE.stroke), fixed: true },
      vertices: { visible: false, fixed: true, withLabel: false },
      hasInnerPoints: false,
      fixed: true,
    });
    // JSXGraph repeats the first vertex at the end of the list.
    const vertices = (): JXGElement[] => (object.vertices ?? []).slice(0, el.n);
    return { object, read: () => ({ kind: 'polygon', vertices: vertices().map(pointValue) }) };
  },
});
