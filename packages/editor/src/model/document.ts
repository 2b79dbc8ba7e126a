import { elementCategory, elementTypeDefinition, validateFigure, type Category, type FigureDocument, type FigureElement } from '@netpad/figure';
import { EditRefusedError, NameError } from './errors';
import { checkNewName } from './names';
import { dependentsOf, renameInElement } from './references';

/**
 * Edits as pure functions on a `FigureDocument`: each returns a new document, validated by
 * @netpad/figure, or throws and leaves nothing changed. The editor holds no board state the
 * document cannot reproduce: the board is always drawn from the result.
 */

/** A blank figure: the board teachers start from (axes and grid on, 1 unit squares). */
export function blankDocument(title: FigureDocument['title'] = { 'zh-CN': '未命名图形', en: 'Untitled figure' }): FigureDocument {
  return { format: 'netpad-figure', version: 1, title, board: { boundingBox: [-8, 6, 8, -6], axis: true, grid: true, keepAspectRatio: true }, elements: [] };
}

/**
 * The lowest format version that holds the document's elements: a figure that uses none of
 * version 2's types stays version 1, so renderers that read only version 1 still open it.
 */
export function neededVersion(elements: readonly FigureElement[]): FigureDocument['version'] {
  return elements.some((el) => {
    const def = elementTypeDefinition(el.type);
    return def?.since === 2 || Object.keys(def?.spec.sinceFields ?? {}).some((key) => (el as unknown as Record<string, unknown>)[key] !== undefined);
  })
    ? 2
    : 1;
}

/** Returns the document (at the version its elements need) if it validates, else throws EditRefusedError with the format's reasons. */
export function checked(doc: FigureDocument): FigureDocument {
  const version = neededVersion(doc.elements);
  if (version !== doc.version) doc = { ...doc, version };
  const result = validateFigure(doc);
  if (!result.ok) throw new EditRefusedError(result.errors);
  return result.document;
}

export function elementById(doc: FigureDocument, id: string): FigureElement | undefined {
  return doc.elements.find((e) => e.id === id);
}

/** What an element of the document is (a point, a segment…; an image what its original is). */
export function categoryIn(doc: FigureDocument, id: string): Category | undefined {
  return elementCategory(id, (x) => elementById(doc, x) as Record<string, unknown> | undefined);
}

/** Adds elements at the end (new names must be free). */
export function addElements(doc: FigureDocument, elements: readonly FigureElement[]): FigureDocument {
  let names = doc;
  for (const el of elements) {
    checkNewName(names, el.id);
    names = { ...names, elements: [...names.elements, el] };
  }
  return checked({ ...doc, elements: [...doc.elements, ...elements] });
}

/**
 * Replaces an element's definition in place, keeping its name, so everything built on it
 * follows (a redefinition on the input line: `A = (2, 3)`).
 */
export function replaceElement(doc: FigureDocument, id: string, element: FigureElement): FigureDocument {
  const index = doc.elements.findIndex((e) => e.id === id);
  if (index < 0) throw new NameError('no_such_element', id);
  const elements = [...doc.elements];
  elements[index] = { ...element, id } as FigureElement;
  return checked(withoutState({ ...doc, elements }, [id]));
}

function withoutState(doc: FigureDocument, ids: readonly string[]): FigureDocument {
  if (!doc.state || !ids.some((id) => doc.state && id in doc.state)) return doc;
  const state = { ...doc.state };
  for (const id of ids) delete state[id];
  const { state: _dropped, ...rest } = doc;
  return Object.keys(state).length ? { ...rest, state } : rest;
}

/** Deletes elements and everything that depends on them (`dependentsOf` lists those first). */
export function deleteElements(doc: FigureDocument, ids: readonly string[]): FigureDocument {
  for (const id of ids) if (!elementById(doc, id)) throw new NameError('no_such_element', id);
  const gone = new Set([...ids, ...dependentsOf(doc, ids)]);
  return checked(withoutState({ ...doc, elements: doc.elements.filter((e) => !gone.has(e.id)) }, [...gone]));
}

/** Renames an element; every reference to it, in other elements, expressions and texts, follows. */
export function renameElement(doc: FigureDocument, from: string, to: string): FigureDocument {
  if (!elementById(doc, from)) throw new NameError('no_such_element', from);
  if (from === to) return doc;
  checkNewName(doc, to);
  const elements = doc.elements.map((el) => {
    const renamed = renameInElement(el, from, to);
    return el.id === from ? ({ ...renamed, id: to } as FigureElement) : renamed;
  });
  let state = doc.state;
  if (state && from in state) {
    state = { ...state, [to]: state[from]! };
    delete state[from];
  }
  return checked({ ...doc, elements, ...(state ? { state } : {}) });
}

/** Keys every element has that the object list edits; `undefined` removes a key. */
export type ElementPatch = Partial<Pick<FigureElement, 'label' | 'showLabel' | 'visible' | 'style'>> & { fixed?: boolean; trace?: boolean };

export function updateElement(doc: FigureDocument, id: string, patch: ElementPatch): FigureDocument {
  const el = elementById(doc, id);
  if (!el) throw new NameError('no_such_element', id);
  const next: Record<string, unknown> = { ...el };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  if (next.style && typeof next.style === 'object' && Object.keys(next.style).length === 0) delete next.style;
  return checked({ ...doc, elements: doc.elements.map((e) => (e.id === id ? (next as unknown as FigureElement) : e)) });
}

/**
 * Writes where free points and gliders now are and what sliders now hold, into their
 * definitions (not the state): a drag in the editor changes the figure itself.
 */
export function setValues(doc: FigureDocument, values: Readonly<Record<string, number | [number, number]>>): FigureDocument {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const elements = doc.elements.map((el) => {
    const v = values[el.id];
    if (v === undefined) return el;
    if (Array.isArray(v) && (el.type === 'glider' || (el.type === 'point' && typeof el.x === 'number' && typeof el.y === 'number'))) return { ...el, x: round(v[0]), y: round(v[1]) };
    if (typeof v === 'number' && el.type === 'slider') return { ...el, value: Math.min(el.max, Math.max(el.min, round(v))) };
    if (typeof v === 'number' && el.type === 'checkbox') {
      const { value: _old, ...rest } = el;
      return v >= 0.5 ? { ...rest, value: true } : rest;
    }
    return el;
  });
  return checked(withoutState({ ...doc, elements }, Object.keys(values)));
}
