import type { CircleElement } from '../types';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, pointValue, strokeAttributes } from './drawing';
import { numexpr, POINT, spec } from './fields';

/** A circle by centre and a point on it, by centre and radius, or through three points. */
export const circle = defineElementType<CircleElement>({
  type: 'circle',
  spec: spec('circle', [], { center: { kind: 'ref', ref: POINT }, through: { kind: 'refOrList', single: POINT, list: POINT, length: 3 }, radius: numexpr }),
  rules(el, path, report) {
    const has = (k: string) => k in el;
    const variant =
      (has('center') && has('through') && !has('radius') && typeof el.through === 'string') ||
      (has('center') && has('radius') && !has('through')) ||
      (!has('center') && !has('radius') && Array.isArray(el.through));
    if (!variant) {
      report.add(path, 'conflicting_keys', {
        detail: 'A circle needs exactly one of: "center" + "through" (one point), "center" + "radius", or "through" (three points).',
        detailZh: '圆须恰好使用以下一种写法：“center” + “through”（一个点）、“center” + “radius”，或 “through”（三个点）。',
      });
    }
  },
  build(el, ctx) {
    const attrs = { ...ctx.common(el, false), ...strokeAttributes(el.style, PALETTE.stroke), ...fillAttributes(el.style, PALETTE.fill, 0), fixed: true };
    const object = Array.isArray(el.through)
      ? ctx.board.create('circumcircle', el.through.map((id) => ctx.obj(id)), { ...attrs, center: { visible: false } })
      : el.radius !== undefined
        ? ctx.board.create('circle', [ctx.obj(el.center!), ctx.value(el.radius)], attrs)
        : ctx.board.create('circle', [ctx.obj(el.center!), ctx.obj(el.through!)], attrs);
    return { object, read: () => ({ kind: 'circle', center: pointValue(object.center!), radius: object.Radius() }) };
  },
});
