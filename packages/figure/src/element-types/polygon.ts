import type { PolygonElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, pointValue, strokeAttributes } from './drawing';
import { POINT, spec } from './fields';

export const polygon = defineElementType<PolygonElement>({
  type: 'polygon',
  spec: spec('polygon', ['points'], { points: { kind: 'refList', ref: POINT, min: 3, max: 64 }, fill: { kind: 'boolean' } }),
  build(el, ctx) {
    const vertices = el.points.map((id) => ctx.obj(id));
    const object = ctx.board.create('polygon', vertices, {
      ...ctx.common(el, false),
      ...fillAttributes(el.style, PALETTE.fill, el.fill === false ? 0 : 0.25),
      borders: { ...strokeAttributes(el.style, PALETTE.stroke), fixed: true },
      vertices: { fixed: false },
      hasInnerPoints: false,
      fixed: true,
    });
    return { object, read: () => ({ kind: 'polygon', vertices: vertices.map(pointValue) }) };
  },
});
