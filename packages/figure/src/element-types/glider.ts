import type { GliderElement } from '../types';
import { defineElementType } from './definition';
import { dotAttributes, PALETTE, pointValue } from './drawing';
import { coordinate, GLIDER_TRACK, spec, TRACE, TRACE_SINCE } from './fields';

export const glider = defineElementType<GliderElement>({
  type: 'glider',
  spec: spec('point', ['on', 'x', 'y'], { on: { kind: 'ref', ref: GLIDER_TRACK }, x: coordinate, y: coordinate, ...TRACE }, TRACE_SINCE),
  build(el, ctx) {
    const object = ctx.board.create('glider', [el.x, el.y, ctx.obj(el.on)], {
      ...ctx.common(el, true, el.id),
      ...dotAttributes(el.style, PALETTE.accent, 4),
      ...ctx.focusable(ctx.label(el, el.id)),
    });
    return { object, read: () => pointValue(object) };
  },
  stateKind: () => 'point',
  // Projected onto its track after the track has moved to where the state puts it.
  stateAfterOthers: true,
});
