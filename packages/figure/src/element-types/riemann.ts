import type { RiemannElement } from '../types';
import { riemannOutline, riemannSum } from '../render/numeric';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, strokeAttributes } from './drawing';
import { FUNCTION, numexpr, spec } from './fields';

/** n rectangles (or trapezoids) under a function graph; reads as their total area. */
export const riemann = defineElementType<RiemannElement>({
  type: 'riemann',
  needsSecondUpdate: true,
  spec: spec('measure', ['of', 'n', 'from', 'to'], {
    of: { kind: 'ref', ref: FUNCTION },
    n: numexpr,
    from: numexpr,
    to: numexpr,
    method: { kind: 'enum', values: ['left', 'right', 'middle', 'trapezoid'] },
  }),
  rules(el, path, report) {
    if (typeof el.n === 'number') report.number(`${path}.n`, el.n, 1, 500, true);
  },
  build(el, ctx) {
    const from = ctx.value(el.from);
    const to = ctx.value(el.to);
    const n = ctx.value(el.n);
    const method = el.method ?? 'left';
    const object = ctx.board.create('curve', [[], []], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.accent),
      ...fillAttributes(el.style, PALETTE.accent, 0.25),
      fixed: true,
    });
    object.updateDataArray = () => {
      const { xs, ys } = riemannOutline(ctx.functionOf(el.of), from(), to(), n(), method);
      object.dataX = xs;
      object.dataY = ys;
    };
    return { object, read: () => riemannSum(ctx.functionOf(el.of), from(), to(), n(), method) };
  },
});
