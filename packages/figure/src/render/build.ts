import { compileExpression, type CompiledExpression, type ExprValue, type PointValue, type Scope } from '../expr/index';
import { pickText, uiLocale } from '../localize';
import { formatNumber, parseTemplate } from '../text-template';
import type { BoardSettings, ElementStyle, FigureElement, Locale, NumberOrExpression } from '../types';
import { markDraggable } from './board';
import type { Coord, JXGBoard, JXGElement } from './jxg';
import { dependencyOrder } from './order';
import { integrate, riemannOutline, riemannSum, regionUnderGraph } from './numeric';

export const PALETTE = {
  free: '#1e88e5',
  dependent: '#455a64',
  stroke: '#37474f',
  fill: '#1e88e5',
  text: '#263238',
  accent: '#e53935',
} as const;

/** JSXGraph object ids are this prefix + the figure's element id (its SVG nodes: `<board id>_np_<id>`). */
export const ID_PREFIX = 'np_';

/** Everything built for one figure: the JSXGraph objects and the live values expressions read. */
export interface BuiltFigure {
  readonly objects: ReadonlyMap<string, JXGElement>;
  readonly scope: Scope;
  readonly elements: ReadonlyMap<string, FigureElement>;
  /** Refreshes what assistive technology announces for draggable elements. */
  readonly updateAria: () => void;
  /** The texts with the font size their author gave, to scale with the board. */
  readonly texts: readonly { readonly element: JXGElement; readonly fontSize: number }[];
}

export interface BuildOptions {
  locale: string;
  /** Interactive boards get tab stops and ARIA; a poster needs neither. */
  interactive: boolean;
}

type ValueReader = () => ExprValue;

const point = (el: JXGElement): PointValue => ({ kind: 'point', x: el.X(), y: el.Y() });

function strokeAttributes(style: ElementStyle | undefined, fallback: string): Record<string, unknown> {
  const attrs: Record<string, unknown> = { strokeColor: style?.color ?? fallback, highlightStrokeColor: style?.color ?? fallback };
  if (style?.strokeWidth !== undefined) attrs.strokeWidth = style.strokeWidth;
  if (style?.dash !== undefined) attrs.dash = style.dash;
  return attrs;
}

function fillAttributes(style: ElementStyle | undefined, fallback: string, opacity: number): Record<string, unknown> {
  const fillColor = style?.fillColor ?? style?.color ?? fallback;
  const fillOpacity = style?.fillOpacity ?? opacity;
  return { fillColor, fillOpacity, highlightFillColor: fillColor, highlightFillOpacity: fillOpacity };
}

/** Labels and texts are plain text: never parsed, never HTML, never handed to JessieCode. */
const SAFE_TEXT = { display: 'internal', parse: false, useMathJax: false, useKatex: false, useASCIIMathML: false } as const;

export function buildFigure(board: JXGBoard, elements: readonly FigureElement[], bbox: BoardSettings['boundingBox'], options: BuildOptions): BuiltFigure {
  const objects = new Map<string, JXGElement>();
  const ariaUpdates: (() => void)[] = [];
  const texts: { element: JXGElement; fontSize: number }[] = [];
  const readers = new Map<string, ValueReader>();
  const byId = new Map(elements.map((el) => [el.id, el]));
  const scope: Scope = { lookup: (name) => readers.get(name)?.() };
  const [xmin, ymax, xmax, ymin] = bbox;
  let sliderCount = 0;

  const obj = (id: string): JXGElement => {
    const o = objects.get(id);
    if (!o) throw new Error(`Element "${id}" is used before it is built`);
    return o;
  };
  const compiled = (source: string, locals: string[] = []): CompiledExpression => compileExpression(source, { locals });
  const coord = (v: NumberOrExpression): Coord => {
    if (typeof v === 'number') return v;
    const c = compiled(v);
    return () => c.evaluateNumber(scope);
  };
  const value = (v: NumberOrExpression): (() => number) => {
    const c = coord(v);
    return typeof c === 'number' ? () => c : c;
  };
  const label = (el: FigureElement, fallback: string): string => (el.label !== undefined ? pickText(el.label, options.locale) : fallback);
  const common = (el: FigureElement, defaultShowLabel: boolean, fallbackName = ''): Record<string, unknown> => ({
    // Prefixed so that no figure id can collide with the ids JSXGraph makes up for itself.
    id: `${ID_PREFIX}${el.id}`,
    name: label(el, fallbackName),
    withLabel: el.showLabel ?? defaultShowLabel,
    visible: el.visible !== false,
    label: { ...SAFE_TEXT, strokeColor: PALETTE.text },
  });
  const interactive = (name: string): Record<string, unknown> =>
    options.interactive ? { tabindex: 0, aria: { enabled: true, label: name, live: 'off' } } : { tabindex: null };

  const linePointReader = (o: JXGElement, kind: 'segment' | 'line'): ValueReader => () => ({ kind, a: point(o.point1!), b: point(o.point2!) });
  const functionOf = (id: string): ((x: number) => number) => {
    const f = readers.get(id)?.();
    return typeof f === 'object' && f.kind === 'function' ? f.call : () => NaN;
  };

  for (const el of dependencyOrder(elements)) {
    let o: JXGElement;
    let reader: ValueReader;
    switch (el.type) {
      case 'point': {
        const free = typeof el.x === 'number' && typeof el.y === 'number' && el.fixed !== true;
        const name = label(el, el.id);
        o = board.create('point', [coord(el.x), coord(el.y)], {
          ...common(el, true, el.id),
          fixed: !free,
          size: el.style?.size ?? (free ? 4 : 3),
          ...strokeAttributes(el.style, free ? PALETTE.free : PALETTE.dependent),
          fillColor: el.style?.color ?? (free ? PALETTE.free : PALETTE.dependent),
          highlightFillColor: el.style?.color ?? (free ? PALETTE.free : PALETTE.dependent),
          ...(free ? interactive(name) : { tabindex: null }),
        });
        reader = () => point(o);
        break;
      }
      case 'glider': {
        const name = label(el, el.id);
        o = board.create('glider', [el.x, el.y, obj(el.on)], {
          ...common(el, true, el.id),
          size: el.style?.size ?? 4,
          ...strokeAttributes(el.style, PALETTE.accent),
          fillColor: el.style?.color ?? PALETTE.accent,
          highlightFillColor: el.style?.color ?? PALETTE.accent,
          ...interactive(name),
        });
        reader = () => point(o);
        break;
      }
      case 'midpoint':
      case 'intersection': {
        const parents =
          el.type === 'midpoint'
            ? typeof el.of === 'string'
              ? [obj(el.of)]
              : el.of.map(obj)
            : [obj(el.of[0]), obj(el.of[1]), el.index ?? 0];
        o = board.create(el.type, parents, {
          ...common(el, true, el.id),
          size: el.style?.size ?? 3,
          ...strokeAttributes(el.style, PALETTE.dependent),
          fillColor: el.style?.color ?? PALETTE.dependent,
          fixed: true,
          tabindex: null,
        });
        reader = () => point(o);
        break;
      }
      case 'slider': {
        const w = xmax - xmin;
        const h = ymax - ymin;
        const row = sliderCount++;
        const pos = el.position ?? [
          [xmin + 0.06 * w, ymax - (0.08 + 0.08 * row) * h],
          [xmin + 0.36 * w, ymax - (0.08 + 0.08 * row) * h],
        ];
        const name = label(el, el.id);
        const step = el.step;
        o = board.create('slider', [pos[0], pos[1], [el.min, el.value, el.max]], {
          ...common(el, true, el.id),
          snapWidth: step ?? -1,
          digits: step !== undefined && Number.isInteger(step) ? 0 : 2,
          ...strokeAttributes(el.style, PALETTE.free),
          fillColor: el.style?.color ?? PALETTE.free,
          highlightFillColor: el.style?.color ?? PALETTE.free,
          ...interactive(name),
        });
        reader = () => o.Value();
        break;
      }
      case 'segment':
      case 'line':
      case 'ray':
      case 'vector': {
        const type = el.type === 'vector' ? 'arrow' : el.type === 'ray' ? 'line' : el.type;
        o = board.create(type, el.points.map(obj), {
          ...common(el, false),
          ...strokeAttributes(el.style, PALETTE.stroke),
          ...(el.type === 'ray' ? { straightFirst: false, straightLast: true } : {}),
          fixed: true,
        });
        reader = linePointReader(o, el.type === 'segment' ? 'segment' : 'line');
        break;
      }
      case 'perpendicular':
      case 'parallel':
      case 'bisector': {
        const parents = el.type === 'bisector' ? el.points.map(obj) : [obj(el.to), obj(el.through)];
        o = board.create(el.type, parents, {
          ...common(el, false),
          ...strokeAttributes(el.style, PALETTE.stroke),
          point: { visible: false },
          fixed: true,
        });
        reader = linePointReader(o, 'line');
        break;
      }
      case 'tangent': {
        const f = () => functionOf(el.of);
        const at = el.at !== undefined ? obj(el.at) : undefined;
        const x0 = at ? () => at.X() : value(el.x ?? 0);
        const slope = () => derivative(f(), x0());
        o = board.create(
          'line',
          [
            [() => x0(), () => f()(x0())],
            [() => x0() + 1, () => f()(x0()) + slope()],
          ],
          { ...common(el, false), ...strokeAttributes(el.style, PALETTE.accent), point1: { visible: false }, point2: { visible: false }, fixed: true },
        );
        reader = linePointReader(o, 'line');
        break;
      }
      case 'circle': {
        const attrs = { ...common(el, false), ...strokeAttributes(el.style, PALETTE.stroke), ...fillAttributes(el.style, PALETTE.fill, 0), fixed: true };
        if (Array.isArray(el.through)) o = board.create('circumcircle', el.through.map(obj), { ...attrs, center: { visible: false } });
        else if (el.radius !== undefined) o = board.create('circle', [obj(el.center!), value(el.radius)], attrs);
        else o = board.create('circle', [obj(el.center!), obj(el.through!)], attrs);
        reader = () => ({ kind: 'circle', center: point(o.center!), radius: o.Radius() });
        break;
      }
      case 'arc':
        o = board.create('arc', [obj(el.center), obj(el.from), obj(el.to)], {
          ...common(el, false),
          ...strokeAttributes(el.style, PALETTE.stroke),
          ...fillAttributes(el.style, PALETTE.fill, 0),
          fixed: true,
        });
        reader = () => ({ kind: 'opaque', type: 'arc' });
        break;
      case 'ellipse':
        o = board.create('ellipse', [obj(el.foci[0]), obj(el.foci[1]), obj(el.through)], {
          ...common(el, false),
          ...strokeAttributes(el.style, PALETTE.stroke),
          ...fillAttributes(el.style, PALETTE.fill, 0),
          fixed: true,
        });
        reader = () => ({ kind: 'opaque', type: 'ellipse' });
        break;
      case 'polygon': {
        const vertices = el.points.map(obj);
        o = board.create('polygon', vertices, {
          ...common(el, false),
          ...fillAttributes(el.style, PALETTE.fill, el.fill === false ? 0 : 0.25),
          borders: { ...strokeAttributes(el.style, PALETTE.stroke), fixed: true },
          vertices: { fixed: false },
          hasInnerPoints: false,
          fixed: true,
        });
        reader = () => ({ kind: 'polygon', vertices: vertices.map(point) });
        break;
      }
      case 'functiongraph': {
        const f = compiled(el.f, ['x']);
        const locals = new Map<string, number>();
        const call = (x: number): number => {
          locals.set('x', x);
          return f.evaluateNumber(scope, locals);
        };
        const parents: unknown[] = [call];
        if (el.domain) parents.push(value(el.domain[0]), value(el.domain[1]));
        o = board.create('functiongraph', parents, { ...common(el, false), ...strokeAttributes(el.style, PALETTE.free), strokeWidth: el.style?.strokeWidth ?? 2, fixed: true });
        reader = () => ({ kind: 'function', call });
        break;
      }
      case 'curve': {
        const cx = compiled(el.x, ['t']);
        const cy = compiled(el.y, ['t']);
        const lx = new Map<string, number>();
        o = board.create(
          'curve',
          [
            (t: number) => (lx.set('t', t), cx.evaluateNumber(scope, lx)),
            (t: number) => (lx.set('t', t), cy.evaluateNumber(scope, lx)),
            value(el.t[0]),
            value(el.t[1]),
          ],
          { ...common(el, false), ...strokeAttributes(el.style, PALETTE.free), strokeWidth: el.style?.strokeWidth ?? 2, fixed: true },
        );
        reader = () => ({ kind: 'opaque', type: 'curve' });
        break;
      }
      case 'integral': {
        const from = value(el.from);
        const to = value(el.to);
        o = board.create('curve', [[], []], { ...common(el, false), ...strokeAttributes(el.style, PALETTE.free), ...fillAttributes(el.style, PALETTE.fill, 0.3), strokeWidth: 0, fixed: true });
        const region = o;
        region.updateDataArray = () => {
          const { xs, ys } = regionUnderGraph(functionOf(el.of), from(), to());
          region.dataX = xs;
          region.dataY = ys;
        };
        reader = () => integrate(functionOf(el.of), from(), to());
        break;
      }
      case 'riemann': {
        const from = value(el.from);
        const to = value(el.to);
        const n = value(el.n);
        const method = el.method ?? 'left';
        o = board.create('curve', [[], []], { ...common(el, false), ...strokeAttributes(el.style, PALETTE.accent), ...fillAttributes(el.style, PALETTE.accent, 0.25), fixed: true });
        const bars = o;
        bars.updateDataArray = () => {
          const { xs, ys } = riemannOutline(functionOf(el.of), from(), to(), n(), method);
          bars.dataX = xs;
          bars.dataY = ys;
        };
        reader = () => riemannSum(functionOf(el.of), from(), to(), n(), method);
        break;
      }
      case 'angle': {
        const [a, b, c] = el.points.map(obj) as [JXGElement, JXGElement, JXGElement];
        const w = Math.min(xmax - xmin, ymax - ymin);
        const radius = el.radius ?? w / 14;
        o = board.create('angle', [a, b, c], {
          ...common(el, false),
          withLabel: false,
          radius,
          ...strokeAttributes(el.style, PALETTE.accent),
          ...fillAttributes(el.style, PALETTE.accent, 0.2),
          fixed: true,
        });
        const angleObject = o;
        reader = () => angleObject.Value();
        if (el.showMeasure !== false) {
          const name = el.label !== undefined ? `${pickText(el.label, options.locale)} = ` : '';
          const unit = el.unit ?? 'deg';
          const labelAt = (axis: 'x' | 'y'): number => {
            // On the bisector of the angle, just outside its arc.
            const alpha = Math.atan2(a.Y() - b.Y(), a.X() - b.X());
            const mid = alpha + angleObject.Value() / 2;
            const r = radius * 1.7;
            return axis === 'x' ? b.X() + r * Math.cos(mid) : b.Y() + r * Math.sin(mid);
          };
          board.create(
            'text',
            [
              () => labelAt('x'),
              () => labelAt('y'),
              () => name + (unit === 'deg' ? `${formatNumber((angleObject.Value() * 180) / Math.PI, 1)}°` : formatNumber(angleObject.Value(), 2)),
            ],
            { ...SAFE_TEXT, anchorX: 'middle', anchorY: 'middle', fixed: true, visible: el.visible !== false, strokeColor: el.style?.color ?? PALETTE.accent, tabindex: null },
          );
        }
        break;
      }
      case 'text': {
        const template = pickText(el.text, options.locale);
        const parts = parseTemplate(template).map((part) =>
          part.kind === 'literal'
            ? () => part.text
            : ((c: CompiledExpression) => () => formatNumber(c.evaluateNumber(scope), part.decimals))(compiled(part.source)),
        );
        o = board.create('text', [coord(el.x), coord(el.y), () => parts.map((p) => p()).join('')], {
          ...SAFE_TEXT,
          id: `${ID_PREFIX}${el.id}`,
          fixed: true,
          visible: el.visible !== false,
          fontSize: el.fontSize ?? 16,
          strokeColor: el.style?.color ?? PALETTE.text,
          highlightStrokeColor: el.style?.color ?? PALETTE.text,
          tabindex: null,
        });
        texts.push({ element: o, fontSize: el.fontSize ?? 16 });
        reader = () => ({ kind: 'opaque', type: 'text' });
        break;
      }
    }
    if (options.interactive && (el.type === 'glider' || el.type === 'slider' || (el.type === 'point' && typeof el.x === 'number' && typeof el.y === 'number' && el.fixed !== true))) {
      markDraggable(o.rendNode);
      const update = describeForAssistiveTech(o, el, label(el, el.id), uiLocale(options.locale));
      if (update) ariaUpdates.push(update);
    }
    objects.set(el.id, o);
    readers.set(el.id, reader);
  }
  return { objects, scope, elements: byId, updateAria: () => ariaUpdates.forEach((u) => u()), texts };
}

const ROLE_TEXT: Record<Locale, { point: string; at: (x: string, y: string) => string }> = {
  en: { point: 'draggable point', at: (x, y) => `at (${x}, ${y})` },
  'zh-CN': { point: '可拖动的点', at: (x, y) => `位于 (${x}, ${y})` },
};

/**
 * Gives a draggable SVG node a role and a name a screen reader can announce: a slider is an
 * ARIA slider with its value; a point is a button-like control that says where it is.
 * Returns what refreshes the announced value after the figure changes.
 */
function describeForAssistiveTech(o: JXGElement, el: FigureElement, name: string, locale: Locale): (() => void) | undefined {
  const node = o.rendNode;
  if (!node) return undefined;
  if (el.type === 'slider') {
    node.setAttribute('role', 'slider');
    node.setAttribute('aria-valuemin', String(el.min));
    node.setAttribute('aria-valuemax', String(el.max));
    node.removeAttribute('aria-live');
    return () => node.setAttribute('aria-valuenow', formatNumber(o.Value(), 2));
  }
  const text = ROLE_TEXT[locale];
  node.setAttribute('role', 'button');
  node.setAttribute('aria-roledescription', text.point);
  node.removeAttribute('aria-live');
  return () => node.setAttribute('aria-label', `${name} ${text.at(formatNumber(o.X(), 2), formatNumber(o.Y(), 2))}`);
}

/** A central difference: enough for drawing a tangent, and it needs only values of f. */
export function derivative(f: (x: number) => number, x: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}
