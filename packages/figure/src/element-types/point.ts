import type { PointElement } from '../types';
import { defineElementType } from './definition';
import { dotAttributes, PALETTE, pointValue } from './drawing';
import { numexpr, spec, TRACE, TRACE_SINCE } from './fields';

/** A point with numbers for coordinates is free (draggable) unless fixed; expressions make it dependent. */
const isFree = (el: { x?: unknown; y?: unknown; fixed?: unknown }) => typeof el.x === 'number' && typeof el.y === 'number' && el.fixed !== true;

export const point = defineElementType<PointElement>({
  type: 'point',
  spec: spec('point', ['x', 'y'], { x: numexpr, y: numexpr, fixed: { kind: 'boolean' }, ...TRACE }, TRACE_SINCE),
  build(el, ctx) {
    const free = isFree(el);
    const name = ctx.label(el, el.id);
    const object = ctx.board.create('point', [ctx.coord(el.x), ctx.coord(el.y)], {
      ...ctx.common(el, true, el.id),
      fixed: !free,
      ...dotAttributes(el.style, free ? PALETTE.free : PALETTE.dependent, free ? 4 : 3),
      ...(free ? ctx.focusable(name) : { tabindex: null }),
    });
    return { object, read: () => pointValue(object) };
  },
  stateKind: (el) => (isFree(el) ? 'point' : undefined),
});
