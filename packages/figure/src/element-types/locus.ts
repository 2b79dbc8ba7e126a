import type { LocusElement } from '../types';
import { defineElementType } from './definition';
import { PALETTE, strokeAttributes } from './drawing';
import { POINT, spec } from './fields';

const GLIDER = { accepts: ['point'] as const, types: ['glider'], expected: 'a glider (a point on an object)' };

/**
 * The locus (轨迹) of a point as a glider runs along its whole object: JSXGraph moves the glider
 * through its track and records where the point goes, redrawn whenever the construction moves.
 */
export const locus = defineElementType<LocusElement>({
  type: 'locus',
  since: 2,
  spec: spec('curve', ['of', 'driver'], { of: { kind: 'ref', ref: POINT }, driver: { kind: 'ref', ref: GLIDER } }),
  build(el, ctx) {
    const object = ctx.board.create('tracecurve', [ctx.obj(el.driver), ctx.obj(el.of)], {
      ...ctx.common(el, false),
      ...strokeAttributes(el.style, PALETTE.accent),
      strokeWidth: el.style?.strokeWidth ?? 2,
      numberPoints: 200,
      fixed: true,
    });
    return { object, read: () => ({ kind: 'opaque', type: 'locus' }) };
  },
});
