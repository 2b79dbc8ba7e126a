import type { IntersectionElement } from '../types';
import { defineElementType } from './definition';
import { dotAttributes, PALETTE, pointValue } from './drawing';
import { INTERSECTABLE, spec, two, TRACE, TRACE_SINCE } from './fields';

export const intersection = defineElementType<IntersectionElement>({
  type: 'intersection',
  spec: spec('point', ['of'], { of: two(INTERSECTABLE), index: { kind: 'enum', values: [0, 1] }, ...TRACE }, TRACE_SINCE),
  build(el, ctx) {
    const object = ctx.board.create('intersection', [ctx.obj(el.of[0]), ctx.obj(el.of[1]), el.index ?? 0], {
      ...ctx.common(el, true, el.id),
      ...dotAttributes(el.style, PALETTE.dependent, 3),
      fixed: true,
      tabindex: null,
    });
    return { object, read: () => pointValue(object) };
  },
});
