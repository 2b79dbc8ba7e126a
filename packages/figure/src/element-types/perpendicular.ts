import type { PerpendicularElement } from '../types';
import { defineElementType, type ElementTypeDefinition } from './definition';
import { linePointReader, PALETTE, strokeAttributes } from './drawing';
import { LINELIKE, POINT, spec } from './fields';

/** The line through a point perpendicular (or parallel) to a line-like element. */
function through(type: PerpendicularElement['type']): ElementTypeDefinition {
  return defineElementType<PerpendicularElement>({
    type,
    spec: spec('linelike', ['to', 'through'], { to: { kind: 'ref', ref: LINELIKE }, through: { kind: 'ref', ref: POINT } }),
    build(el, ctx) {
      const object = ctx.board.create(el.type, [ctx.obj(el.to), ctx.obj(el.through)], {
        ...ctx.common(el, false),
        ...strokeAttributes(el.style, PALETTE.stroke),
        point: { visible: false },
        fixed: true,
      });
      return { object, read: linePointReader(object, 'line') };
    },
  });
}

export const perpendicular = through('perpendicular');
export const parallel = through('parallel');
