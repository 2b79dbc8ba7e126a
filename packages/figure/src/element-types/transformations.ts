import type { DilationElement, FigureElement, ReflectionElement, RotationElement, TranslationElement } from '../types';
import type { JXGElement } from '../render/jxg';
import { defineElementType, type BuildContext } from './definition';
import { dotAttributes, PALETTE, pointValue } from './drawing';
import { numexpr, POINT, spec, TRACE } from './fields';

/**
 * The four transformations of a point (the image of A): reflection about a line or a point,
 * rotation about a point by an angle in degrees, translation by a vector, dilation from a
 * point. Each image is a dependent point: it follows A and whatever defines the transformation.
 */

const POINT_OR_LINE = { accepts: ['point', 'segment', 'linelike'] as const, expected: 'a point or a line' };
const VECTOR = { accepts: ['linelike'] as const, expected: 'a vector' };

function imagePoint(el: FigureElement, ctx: BuildContext, x: () => number, y: () => number, style: Parameters<typeof dotAttributes>[0]): { object: JXGElement; read: () => ReturnType<typeof pointValue> } {
  const object = ctx.board.create('point', [x, y], {
    ...ctx.common(el, true, el.id),
    ...dotAttributes(style, PALETTE.dependent, 3),
    fixed: true,
    tabindex: null,
  });
  return { object, read: () => pointValue(object) };
}

export const reflection = defineElementType<ReflectionElement>({
  type: 'reflection',
  since: 2,
  spec: spec('point', ['of', 'about'], { of: { kind: 'ref', ref: POINT }, about: { kind: 'ref', ref: POINT_OR_LINE } , ...TRACE }),
  build(el, ctx) {
    const p = ctx.obj(el.of);
    const about = ctx.obj(el.about);
    const isLine = about.point1 !== undefined && about.point2 !== undefined;
    const image = (): [number, number] => {
      if (!isLine) return [2 * about.X() - p.X(), 2 * about.Y() - p.Y()];
      const ax = about.point1!.X();
      const ay = about.point1!.Y();
      const dx = about.point2!.X() - ax;
      const dy = about.point2!.Y() - ay;
      const t = ((p.X() - ax) * dx + (p.Y() - ay) * dy) / (dx * dx + dy * dy);
      return [2 * (ax + t * dx) - p.X(), 2 * (ay + t * dy) - p.Y()];
    };
    return imagePoint(el, ctx, () => image()[0], () => image()[1], el.style);
  },
});

export const rotation = defineElementType<RotationElement>({
  type: 'rotation',
  since: 2,
  spec: spec('point', ['of', 'center', 'angle'], { of: { kind: 'ref', ref: POINT }, center: { kind: 'ref', ref: POINT }, angle: numexpr , ...TRACE }),
  build(el, ctx) {
    const p = ctx.obj(el.of);
    const c = ctx.obj(el.center);
    const degrees = ctx.value(el.angle);
    const image = (): [number, number] => {
      const a = (degrees() * Math.PI) / 180;
      const dx = p.X() - c.X();
      const dy = p.Y() - c.Y();
      return [c.X() + dx * Math.cos(a) - dy * Math.sin(a), c.Y() + dx * Math.sin(a) + dy * Math.cos(a)];
    };
    return imagePoint(el, ctx, () => image()[0], () => image()[1], el.style);
  },
});

export const translation = defineElementType<TranslationElement>({
  type: 'translation',
  since: 2,
  spec: spec('point', ['of', 'by'], { of: { kind: 'ref', ref: POINT }, by: { kind: 'ref', ref: VECTOR } , ...TRACE }),
  build(el, ctx) {
    const p = ctx.obj(el.of);
    const v = ctx.obj(el.by);
    return imagePoint(
      el,
      ctx,
      () => p.X() + v.point2!.X() - v.point1!.X(),
      () => p.Y() + v.point2!.Y() - v.point1!.Y(),
      el.style,
    );
  },
});

export const dilation = defineElementType<DilationElement>({
  type: 'dilation',
  since: 2,
  spec: spec('point', ['of', 'center', 'factor'], { of: { kind: 'ref', ref: POINT }, center: { kind: 'ref', ref: POINT }, factor: numexpr , ...TRACE }),
  build(el, ctx) {
    const p = ctx.obj(el.of);
    const c = ctx.obj(el.center);
    const k = ctx.value(el.factor);
    return imagePoint(
      el,
      ctx,
      () => c.X() + k() * (p.X() - c.X()),
      () => c.Y() + k() * (p.Y() - c.Y()),
      el.style,
    );
  },
});
