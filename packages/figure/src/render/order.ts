import { compileExpression } from '../expr/index';
import { directReferences, expressionsOf } from '../element-types/catalogue';
import type { FigureElement } from '../types';

export { directReferences, expressionsOf };

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
