import type { DilationElement, FigureElement, ReflectionElement, RotationElement, TranslationElement } from '../types';
import type { JXGElement } from '../render/jxg';
import { defineElementType, type BuildContext, type ValueReader } from './definition';
import { dotAttributes, fillAttributes, linePointReader, PALETTE, pointValue, strokeAttributes } from './drawing';
import { numexpr, POINT, spec, TRACE, type ElementSpec, type FieldSpec } from './fields';

/**
 * The four transformations: reflection about a line or a point, rotation about a point by an
 * angle in degrees, translation by a vector, dilation from a point. Each maps a point, a
 * segment, line, ray or vector, a circle or a polygon (`of`) to its image, of the same kind
 * (`categoryFrom`): the image of a polygon is a polygon other elements can use as one. Images
 * are dependent: they follow the original and whatever defines the transformation.
 */

const POINT_OR_LINE = { accepts: ['point', 'segment', 'linelike'] as const, expected: 'a point or a line' };
const VECTOR = { accepts: ['linelike'] as const, expected: 'a vector' };
/** What can be transformed. */
const TRANSFORMABLE = { accepts: ['point', 'segment', 'linelike', 'circle', 'polygon'] as const, expected: 'a point, line, circle or polygon' };

type Pt = readonly [number, number];
/** The transformation as a map of the plane, and how it scales lengths. */
interface PlaneMap {
  readonly map: (x: number, y: number) => Pt;
  readonly scale: () => number;
}

function transformSpec(keys: Record<string, FieldSpec>, required: string[]): ElementSpec {
  return { ...spec('point', ['of', ...required], { of: { kind: 'ref', ref: TRANSFORMABLE }, ...keys, ...TRACE }), categoryFrom: 'of' };
}

/**
 * Draws the image of `el.of`. The images of a shape's defining points are hidden helpers the
 * shape is built on, so that JSXGraph draws a real segment, circle or polygon (its own hit test,
 * fill and borders) rather than a curve.
 */
function drawImage(el: FigureElement & { of: string }, ctx: BuildContext, { map, scale }: PlaneMap): { object: JXGElement; read: ValueReader } {
  const source = ctx.obj(el.of);
  const style = el.style;
  const imageOf = (p: JXGElement, attrs: Record<string, unknown>): JXGElement => {
    // One computation per board update for both coordinates.
    let cache: Pt = [0, 0];
    return ctx.board.create('point', [() => (cache = map(p.X(), p.Y()))[0], () => cache[1]], { fixed: true, tabindex: null, ...attrs });
  };
  const helper = (p: JXGElement) => imageOf(p, { visible: false, withLabel: false, name: '' });
  const shape = { ...ctx.common(el, false), ...strokeAttributes(style, PALETTE.stroke), fixed: true };

  if (source.vertices) {
    // JSXGraph repeats a polygon's first vertex at the end of `vertices`.
    const vertices = source.vertices.slice(0, -1).map(helper);
    const object = ctx.board.create('polygon', vertices, {
      ...ctx.common(el, false),
      ...fillAttributes(style, PALETTE.fill, (source.visProp.fillopacity as number | undefined) ?? 0.25),
      borders: { ...strokeAttributes(style, PALETTE.stroke), fixed: true },
      vertices: { visible: false },
      fixed: true,
    });
    return { object, read: () => ({ kind: 'polygon', vertices: vertices.map(pointValue) }) };
  }
  if (source.center && source.elType === 'circle') {
    const center = helper(source.center);
    const object = ctx.board.create('circle', [center, () => source.Radius() * scale()], { ...shape, ...fillAttributes(style, PALETTE.fill, 0) });
    return { object, read: () => ({ kind: 'circle', center: pointValue(center), radius: object.Radius() }) };
  }
  if (source.point1 && source.point2) {
    const ends = [helper(source.point1), helper(source.point2)];
    const kind = source.elType === 'segment' ? 'segment' : source.elType === 'arrow' ? 'arrow' : 'line';
    const object = ctx.board.create(kind, ends, {
      ...shape,
      ...(kind === 'line' ? { straightFirst: source.visProp.straightfirst !== false, straightLast: source.visProp.straightlast !== false } : {}),
    });
    return { object, read: linePointReader(object, kind === 'segment' ? 'segment' : 'line') };
  }
  const object = imageOf(source, { ...ctx.common(el, true, el.id), ...dotAttributes(style, PALETTE.dependent, 3) });
  return { object, read: () => pointValue(object) };
}

export const reflection = defineElementType<ReflectionElement>({
  type: 'reflection',
  since: 2,
  spec: transformSpec({ about: { kind: 'ref', ref: POINT_OR_LINE } }, ['about']),
  build(el, ctx) {
    const about = ctx.obj(el.about);
    const isLine = about.point1 !== undefined && about.point2 !== undefined;
    const map = (x: number, y: number): Pt => {
      if (!isLine) return [2 * about.X() - x, 2 * about.Y() - y];
      const ax = about.point1!.X();
      const ay = about.point1!.Y();
      const dx = about.point2!.X() - ax;
      const dy = about.point2!.Y() - ay;
      const t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
      return [2 * (ax + t * dx) - x, 2 * (ay + t * dy) - y];
    };
    return drawImage(el, ctx, { map, scale: () => 1 });
  },
});

export const rotation = defineElementType<RotationElement>({
  type: 'rotation',
  since: 2,
  spec: transformSpec({ center: { kind: 'ref', ref: POINT }, angle: numexpr }, ['center', 'angle']),
  build(el, ctx) {
    const c = ctx.obj(el.center);
    const degrees = ctx.value(el.angle);
    const map = (x: number, y: number): Pt => {
      const a = (degrees() * Math.PI) / 180;
      const dx = x - c.X();
      const dy = y - c.Y();
      return [c.X() + dx * Math.cos(a) - dy * Math.sin(a), c.Y() + dx * Math.sin(a) + dy * Math.cos(a)];
    };
    return drawImage(el, ctx, { map, scale: () => 1 });
  },
});

export const translation = defineElementType<TranslationElement>({
  type: 'translation',
  since: 2,
  spec: transformSpec({ by: { kind: 'ref', ref: VECTOR } }, ['by']),
  build(el, ctx) {
    const v = ctx.obj(el.by);
    const map = (x: number, y: number): Pt => [x + v.point2!.X() - v.point1!.X(), y + v.point2!.Y() - v.point1!.Y()];
    return drawImage(el, ctx, { map, scale: () => 1 });
  },
});

export const dilation = defineElementType<DilationElement>({
  type: 'dilation',
  since: 2,
  spec: transformSpec({ center: { kind: 'ref', ref: POINT }, factor: numexpr }, ['center', 'factor']),
  build(el, ctx) {
    const c = ctx.obj(el.center);
    const k = ctx.value(el.factor);
    const map = (x: number, y: number): Pt => [c.X() + k() * (x - c.X()), c.Y() + k() * (y - c.Y())];
    return drawImage(el, ctx, { map, scale: () => Math.abs(k()) });
  },
});
