import { directReferences, elementTypeDefinition, expressionsOf, parseExpression, parseTemplate, type ExprNode, type FigureDocument, type FigureElement } from '@netpad/figure';

/** The names an element depends on: its references and the names its expressions read. */
export function dependenciesOf(el: FigureElement): Set<string> {
  const deps = new Set(directReferences(el));
  for (const { source } of expressionsOf(el)) {
    try {
      collectNames(parseExpression(source), (name) => deps.add(name));
    } catch {
      // A document that validated has no unparsable expression; nothing to add.
    }
  }
  return deps;
}

/** The names an expression reads (elements, variables), or an empty set when it does not parse. */
export function namesIn(source: string): Set<string> {
  const names = new Set<string>();
  try {
    collectNames(parseExpression(source), (name) => names.add(name));
  } catch {
    // not an expression: no names
  }
  return names;
}

function collectNames(node: ExprNode, add: (name: string, pos: number) => void): void {
  switch (node.type) {
    case 'name':
      add(node.name, node.pos);
      return;
    case 'call':
      add(node.callee, node.pos);
      node.args.forEach((a) => collectNames(a, add));
      return;
    case 'member':
      collectNames(node.object, add);
      return;
    case 'unary':
      collectNames(node.operand, add);
      return;
    case 'binary':
      collectNames(node.left, add);
      collectNames(node.right, add);
      return;
    default:
      return;
  }
}

/** Every element that depends on any of `ids`, directly or through others, in document order. */
export function dependentsOf(doc: FigureDocument, ids: Iterable<string>): string[] {
  const gone = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const el of doc.elements) {
      if (gone.has(el.id)) continue;
      for (const dep of dependenciesOf(el)) {
        if (gone.has(dep)) {
          gone.add(el.id);
          grew = true;
          break;
        }
      }
    }
  }
  for (const id of ids) gone.delete(id);
  return doc.elements.filter((e) => gone.has(e.id)).map((e) => e.id);
}

/** Renames `from` to `to` inside one expression, by the parser's own spans (never by text search). */
export function renameInExpression(source: string, from: string, to: string): string {
  let tree: ExprNode;
  try {
    tree = parseExpression(source);
  } catch {
    return source;
  }
  const at: number[] = [];
  collectNames(tree, (name, pos) => {
    if (name === from) at.push(pos);
  });
  let out = source;
  for (const pos of at.sort((a, b) => b - a)) out = out.slice(0, pos) + to + out.slice(pos + from.length);
  return out;
}

function renameInTemplate(template: string, from: string, to: string): string {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch {
    return template;
  }
  let out = template;
  // From the end, so earlier offsets stay true; only the expression's own text is touched.
  for (const p of [...parts].reverse()) {
    if (p.kind !== 'expression') continue;
    const renamed = renameInExpression(p.source, from, to);
    if (renamed !== p.source) out = out.slice(0, p.offset) + renamed + out.slice(p.offset + p.source.length);
  }
  return out;
}

/** A copy of `el` with every reference to `from` (in references, expressions and texts) now `to`. */
export function renameInElement(el: FigureElement, from: string, to: string): FigureElement {
  const def = elementTypeDefinition(el.type);
  if (!def) return el;
  const out: Record<string, unknown> = { ...el };
  for (const [key, field] of Object.entries(def.spec.fields)) {
    const v = out[key];
    if (v === undefined) continue;
    switch (field.kind) {
      case 'ref':
        if (v === from) out[key] = to;
        break;
      case 'refList':
      case 'refOrList':
        if (typeof v === 'string') out[key] = v === from ? to : v;
        else if (Array.isArray(v)) out[key] = v.map((id) => (id === from ? to : id));
        break;
      case 'numberOrExpression':
      case 'expression':
        if (typeof v === 'string') out[key] = renameInExpression(v, from, to);
        break;
      case 'interval':
        if (Array.isArray(v)) out[key] = v.map((d) => (typeof d === 'string' ? renameInExpression(d, from, to) : d));
        break;
      case 'template':
        if (typeof v === 'string') out[key] = renameInTemplate(v, from, to);
        else if (typeof v === 'object' && v !== null) out[key] = Object.fromEntries(Object.entries(v).map(([l, t]) => [l, typeof t === 'string' ? renameInTemplate(t, from, to) : t]));
        break;
      default:
        break;
    }
  }
  return out as unknown as FigureElement;
}
