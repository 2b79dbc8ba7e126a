import type { IntegralElement } from '../types';
import { integrate, regionUnderGraph } from '../render/numeric';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { FUNCTION, numexpr, spec } from './fields';

/** The region under a function graph between two x values; reads as its signed area. */
export const integral = defineElementType<IntegralElement>({
  type: 'integral',
  needsSecondUpdate: true,
  spec: spec('measure', ['of', 'from', 'to'], { of: { kind: 'ref', ref: FUNCTION }, from: numexpr, to: numexpr }),
  build(el, ctx) {
    const from = ctx.value(el.from);
    const to = ctx.value(el.to);
    const object = ctx.board.create('curve', [[], []], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.free),
      ...fillAttributes(el.style, PALETTE.fill, 0.3),
      strokeWidth: 0,
      fixed: true,
    });
    object.updateDataArray = () => {
      const { xs, ys } = regionUnderGraph(ctx.functionOf(el.of), from(), to());
      object.dataX = xs;
      object.dataY = ys;
    };
    return { object, read: () => integrate(ctx.functionOf(el.of), from(), to()) };
  },
});
