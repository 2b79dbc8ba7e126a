/**
 * The element catalogue: every element type of the format, each defined whole in its own module
 * (keys, rules, drawing, state). Validation, the JSON Schema, dependency order, the renderer and
 * the editor read types from here; adding a type is a module and one line below.
 */
import { parseTemplate } from '../text-template';
import type { FigureElement } from '../types';
import type { ElementTypeDefinition } from './definition';
import { angle } from './angle';
import { arc } from './arc';
import { bisector } from './bisector';
import { circle } from './circle';
import { curve } from './curve';
import { ellipse } from './ellipse';
import { functiongraph } from './functiongraph';
import { glider } from './glider';
import { integral } from './integral';
import { intersection } from './intersection';
import { midpoint } from './midpoint';
import { parallel, perpendicular } from './perpendicular';
import { point } from './point';
import { polygon } from './polygon';
import { riemann } from './riemann';
import { slider } from './slider';
import { line, ray, segment, vector } from './straight-lines';
import { tangent } from './tangent';
import { text } from './text';
import { perpendicularBisector } from './perpendicular-bisector';
import { regularPolygon } from './regular-polygon';
import { semicircle } from './semicircle';
import { sector } from './sector';
import { parabola } from './parabola';
import { hyperbola } from './hyperbola';
import { dilation, reflection, rotation, translation } from './transformations';
import { locus } from './locus';
import { circleTangent } from './circle-tangent';
import { checkbox } from './checkbox';

const DEFINITIONS: readonly ElementTypeDefinition[] = [
  point,
  glider,
  midpoint,
  intersection,
  slider,
  segment,
  line,
  ray,
  vector,
  perpendicular,
  parallel,
  bisector,
  tangent,
  circle,
  arc,
  ellipse,
  polygon,
  functiongraph,
  curve,
  integral,
  riemann,
  angle,
  text,
  // Format version 2.
  perpendicularBisector,
  regularPolygon,
  semicircle,
  sector,
  parabola,
  hyperbola,
  reflection,
  rotation,
  translation,
  dilation,
  locus,
  circleTangent,
  checkbox,
];

const BY_TYPE: ReadonlyMap<string, ElementTypeDefinition> = new Map(DEFINITIONS.map((d) => [d.type, d]));

/** Every element type, in the order the format documents them. */
export const ELEMENT_TYPE_DEFINITIONS = DEFINITIONS;

export function elementTypeDefinition(type: string): ElementTypeDefinition | undefined {
  return BY_TYPE.get(type);
}

/** Every string in an element that names another element directly (not through an expression). */
export function directReferences(el: FigureElement): string[] {
  const def = BY_TYPE.get(el.type);
  if (!def) return [];
  const out: string[] = [];
  const record = el as unknown as Record<string, unknown>;
  for (const [key, field] of Object.entries(def.spec.fields)) {
    const v = record[key];
    if (field.kind === 'ref' && typeof v === 'string') out.push(v);
    else if ((field.kind === 'refList' || field.kind === 'refOrList') && (typeof v === 'string' || Array.isArray(v))) {
      for (const id of typeof v === 'string' ? [v] : v) if (typeof id === 'string') out.push(id);
    }
  }
  return out;
}

/** The expression sources of an element with the local variables each may use. */
export function expressionsOf(el: FigureElement): { source: string; locals: string[] }[] {
  const def = BY_TYPE.get(el.type);
  if (!def) return [];
  const out: { source: string; locals: string[] }[] = [];
  const record = el as unknown as Record<string, unknown>;
  for (const [key, field] of Object.entries(def.spec.fields)) {
    const v = record[key];
    if (field.kind === 'numberOrExpression' && typeof v === 'string') {
      out.push({ source: v, locals: [...(field.locals ?? [])] });
    } else if (field.kind === 'expression' && typeof v === 'string') {
      out.push({ source: v, locals: [...field.locals] });
    } else if (field.kind === 'interval' && Array.isArray(v)) {
      for (const d of v) if (typeof d === 'string') out.push({ source: d, locals: [] });
    } else if (field.kind === 'template' && v !== undefined) {
      const texts = typeof v === 'string' ? [v] : Object.values(v as Record<string, string>);
      for (const t of texts) for (const part of parseTemplate(t)) if (part.kind === 'expression') out.push({ source: part.source, locals: [] });
    }
  }
  return out;
}
