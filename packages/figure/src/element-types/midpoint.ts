import type { MidpointElement } from '../types';
import { defineElementType } from './definition';
import { dotAttributes, PALETTE, pointValue } from './drawing';
import { POINT, SEGMENT, spec, TRACE, TRACE_SINCE } from './fields';

export const midpoint = defineElementType<MidpointElement>({
  type: 'midpoint',
  spec: spec('point', ['of'], { of: { kind: 'refOrList', single: SEGMENT, list: POINT, length: 2 }, ...TRACE }, TRACE_SINCE),
  build(el, ctx) {
    const parents = typeof el.of === 'string' ? [ctx.obj(el.of)] : el.of.map((id) => ctx.obj(id));
    const object = ctx.board.create('midpoint', parents, { ...ctx.common(el, true, el.id), ...dotAttributes(el.style, PALETTE.dependent, 3), fixed: true, tabindex: null });
    return { object, read: () => pointValue(object) };
  },
});
