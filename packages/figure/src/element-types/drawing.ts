import type { PointValue } from '../expr/index';
import type { ElementStyle } from '../types';
import type { JXGElement } from '../render/jxg';
import type { ValueReader } from './definition';

export const PALETTE = {
  free: '#1e88e5',
  dependent: '#455a64',
  stroke: '#37474f',
  fill: '#1e88e5',
  text: '#263238',
  accent: '#e53935',
} as const;

/** Labels and texts are plain text: never parsed, never HTML, never handed to JessieCode. */
export const SAFE_TEXT = { display: 'internal', parse: false, useMathJax: false, useKatex: false, useASCIIMathML: false } as const;

export const pointValue = (el: JXGElement): PointValue => ({ kind: 'point', x: el.X(), y: el.Y() });

export function strokeAttributes(style: ElementStyle | undefined, fallback: string): Record<string, unknown> {
  const attrs: Record<string, unknown> = { strokeColor: style?.color ?? fallback, highlightStrokeColor: style?.color ?? fallback };
  if (style?.strokeWidth !== undefined) attrs.strokeWidth = style.strokeWidth;
  if (style?.dash !== undefined) attrs.dash = style.dash;
  return attrs;
}

export function fillAttributes(style: ElementStyle | undefined, fallback: string, opacity: number): Record<string, unknown> {
  const fillColor = style?.fillColor ?? style?.color ?? fallback;
  const fillOpacity = style?.fillOpacity ?? opacity;
  return { fillColor, fillOpacity, highlightFillColor: fillColor, highlightFillOpacity: fillOpacity };
}

/** A dot of the given colour (or the style's): points of every kind. */
export function dotAttributes(style: ElementStyle | undefined, colour: string, size: number): Record<string, unknown> {
  return { size: style?.size ?? size, ...strokeAttributes(style, colour), fillColor: style?.color ?? colour, highlightFillColor: style?.color ?? colour };
}

/** Segments and lines read as their two defining points. */
export const linePointReader =
  (o: JXGElement, kind: 'segment' | 'line'): ValueReader =>
  () => ({ kind, a: pointValue(o.point1!), b: pointValue(o.point2!) });

/** A central difference: enough for drawing a tangent, and it needs only values of f. */
export function derivative(f: (x: number) => number, x: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}
