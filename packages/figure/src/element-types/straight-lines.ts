import type { TwoPointElement } from '../types';
import { defineElementType, type ElementTypeDefinition } from './definition';
import { linePointReader, PALETTE, strokeAttributes } from './drawing';
import { POINT, spec, two } from './fields';

/** Segment, line, ray and vector: one shape of document (two points), four ways of drawing it. */
function straight(type: TwoPointElement['type']): ElementTypeDefinition {
  return defineElementType<TwoPointElement>({
    type,
    spec: spec(type === 'segment' ? 'segment' : 'linelike', ['points'], { points: two(POINT) }),
    build(el, ctx) {
      const jsxType = el.type === 'vector' ? 'arrow' : el.type === 'ray' ? 'line' : el.type;
      const object = ctx.board.create(jsxType, el.points.map((id) => ctx.obj(id)), {
        ...ctx.common(el, false),
        ...strokeAttributes(el.style, PALETTE.stroke),
        ...(el.type === 'ray' ? { straightFirst: false, straightLast: true } : {}),
        fixed: true,
      });
      return { object, read: linePointReader(object, el.type === 'segment' ? 'segment' : 'line') };
    },
  });
}

export const segment = straight('segment');
export const line = straight('line');
export const ray = straight('ray');
export const vector = straight('vector');
