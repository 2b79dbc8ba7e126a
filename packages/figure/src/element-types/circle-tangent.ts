import type { CircleTangentElement } from '../types';
import { defineElementType } from './definition';
import { linePointReader, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec } from './fields';

const CIRCLE = { accepts: ['circle'] as const, expected: 'a circle' };

/**
 * One of the two tangents to a circle from a point outside it (index 0 or 1): the line through
 * the point and a touching point T, where OT ⟂ PT, so ∠TOP = arccos(r / |OP|). From a point on
 * or inside the circle there is none, and nothing is drawn.
 */
export const circleTangent = defineElementType<CircleTangentElement>({
  type: 'circletangent',
  since: 2,
  spec: spec('linelike', ['of', 'through'], { of: { kind: 'ref', ref: CIRCLE }, through: { kind: 'ref', ref: POINT }, index: { kind: 'enum', values: [0, 1] } }),
  build(el, ctx) {
    const circle = ctx.obj(el.of);
    const p = ctx.obj(el.through);
    const sign = el.index === 1 ? -1 : 1;
    const touching = (): [number, number] => {
      const o = circle.center!;
      const r = circle.Radius();
      const dx = p.X() - o.X();
      const dy = p.Y() - o.Y();
      const d = Math.hypot(dx, dy);
      if (!(d > r)) return [NaN, NaN];
      const a = Math.atan2(dy, dx) + sign * Math.acos(r / d);
      return [o.X() + r * Math.cos(a), o.Y() + r * Math.sin(a)];
    };
    const object = ctx.board.create('line', [[() => p.X(), () => p.Y()], [() => touching()[0], () => touching()[1]]], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.accent),
      point1: { visible: false },
      point2: { visible: false },
      fixed: true,
    });
    return { object, read: linePointReader(object, 'line') };
  },
});
