import { compileExpression } from '../expr/index';
import { parseTemplate } from '../text-template';
import type { FigureElement } from '../types';

/** Every string in an element that names another element directly (not through an expression). */
export function directReferences(el: FigureElement): string[] {
  switch (el.type) {
    case 'glider':
      return [el.on];
    case 'midpoint':
      return typeof el.of === 'string' ? [el.of] : [...el.of];
    case 'intersection':
      return [...el.of];
    case 'segment':
    case 'line':
    case 'ray':
    case 'vector':
    case 'bisector':
    case 'angle':
    case 'polygon':
      return [...el.points];
    case 'perpendicular':
    case 'parallel':
      return [el.to, el.through];
    case 'tangent':
      return el.at ? [el.of, el.at] : [el.of];
    case 'circle':
      return [...(el.center ? [el.center] : []), ...(typeof el.through === 'string' ? [el.through] : (el.through ?? []))];
    case 'arc':
      return [el.center, el.from, el.to];
    case 'ellipse':
      return [...el.foci, el.through];
    case 'functiongraph':
    case 'curve':
    case 'integral':
    case 'riemann':
      return 'of' in el ? [el.of] : [];
    default:
      return [];
  }
}

/** The expression sources of an element with the local variables each may use. */
export function expressionsOf(el: FigureElement): { source: string; locals: string[] }[] {
  const out: { source: string; locals: string[] }[] = [];
  const add = (v: unknown, locals: string[] = []) => {
    if (typeof v === 'string') out.push({ source: v, locals });
  };
  switch (el.type) {
    case 'point':
    case 'text':
      add(el.x);
      add(el.y);
      if (el.type === 'text') {
        const texts = typeof el.text === 'string' ? [el.text] : Object.values(el.text);
        for (const t of texts) for (const part of parseTemplate(t)) if (part.kind === 'expression') add(part.source);
      }
      break;
    case 'tangent':
      add(el.x);
      break;
    case 'circle':
      add(el.radius);
      break;
    case 'functiongraph':
      add(el.f, ['x']);
      el.domain?.forEach((d) => add(d));
      break;
    case 'curve':
      add(el.x, ['t']);
      add(el.y, ['t']);
      el.t.forEach((d) => add(d));
      break;
    case 'integral':
    case 'riemann':
      add(el.from);
      add(el.to);
      if (el.type === 'riemann') add(el.n);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Elements in an order where each comes after everything it depends on. Documents may list
 * elements in any order; validation has already refused cycles and dangling references.
 */
export function dependencyOrder(elements: readonly FigureElement[]): FigureElement[] {
  const byId = new Map(elements.map((el) => [el.id, el]));
  const done = new Set<string>();
  const ordered: FigureElement[] = [];
  const visit = (el: FigureElement, depth: number): void => {
    if (done.has(el.id)) return;
    if (depth > elements.length) throw new Error(`Dependency cycle through "${el.id}"`);
    done.add(el.id);
    const deps = new Set(directReferences(el));
    for (const { source, locals } of expressionsOf(el)) for (const name of compileExpression(source, { locals }).names) deps.add(name);
    for (const dep of deps) {
      const target = byId.get(dep);
      if (target && !done.has(dep)) visit(target, depth + 1);
    }
    ordered.push(el);
  };
  // A cycle would make `done` lie; validateFigure refuses cycles before we get here.
  for (const el of elements) visit(el, 0);
  return ordered;
}
