import { compileExpression, elementCategory, ExpressionError, RESERVED_NAMES, ID_PATTERN, type FigureDocument, type FigureElement } from '@netpad/figure';
import { addElements, replaceElement, elementById } from '../model/document';
import { EditRefusedError, NameError } from '../model/errors';
import { draftNameKind, nextName, type NameKind } from '../model/names';
import { namesIn } from '../model/references';
import { findCommand, fits, signatureText, type Arg, type Draft } from './commands';
import { ARG_KIND_NAMES, inputMessages, type InputErrorCode } from './messages';
import { InputSyntaxError, parseLine, type ExprText, type SyntaxNode } from './syntax';

/** Why a line was not run: where (0-based offsets into the line) and what, in both languages. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly position: number;
  readonly end: number;
  readonly messages: { en: string; 'zh-CN': string };
  /** For `undefined_name`: the name a slider could be made for. */
  readonly missingName?: string;
  constructor(code: InputErrorCode, position: number, end: number, params: Record<string, string | number> = {}, missingName?: string) {
    const messages = inputMessages(code, params);
    super(messages.en);
    this.name = 'InputError';
    this.code = code;
    this.position = position;
    this.end = end;
    this.messages = messages;
    if (missingName !== undefined) this.missingName = missingName;
  }
}

export interface InputResult {
  readonly document: FigureDocument;
  /** Names of the elements the line made (the last one is what it defined), or redefined. */
  readonly created: readonly string[];
  /** For the undo history: the line itself. */
  readonly label: string;
}

/**
 * Runs one input line against a document: everything it makes is added at once, or nothing is
 * (an error leaves the document as it was).
 */
export function runInput(doc: FigureDocument, line: string, lang: 'zh-CN' | 'en' = 'en'): InputResult {
  let parsed;
  try {
    parsed = parseLine(line);
  } catch (err) {
    if (err instanceof InputSyntaxError) throw new InputError(err.code, err.position, err.position + 1);
    throw err;
  }
  const drafts: { id: string; element: FigureElement }[] = [];
  const taken = new Set(doc.elements.map((e) => e.id));
  const categoryOf = (name: string) =>
    elementCategory(name, (id) => (drafts.find((d) => d.id === id)?.element ?? elementById(doc, id)) as Record<string, unknown> | undefined);
  const target = parsed.target;
  const redefine = target !== undefined && taken.has(target.name) ? target.name : undefined;
  if (target && !redefine) {
    if (!ID_PATTERN.test(target.name)) throw new InputError('bad_name', target.pos, target.pos + target.name.length, { name: target.name });
    if (RESERVED_NAMES.has(target.name) && !(target.name === 'y' && !target.variable)) throw new InputError('reserved_name', target.pos, target.pos + target.name.length, { name: target.name });
  }

  const add = (draft: Draft, name?: string): string => {
    const id = name ?? nextName(draftNameKind(draft, categoryOf), taken);
    taken.add(id);
    drafts.push({ id, element: { ...draft.element, id } as FigureElement });
    return id;
  };

  /** Checks an expression and that every name it reads exists (the document's, or this line's). */
  const expression = (text: ExprText, locals: string[] = []): string => {
    let names: ReadonlySet<string>;
    try {
      names = compileExpression(text.source, { locals }).names;
    } catch (err) {
      if (err instanceof ExpressionError) {
        throw new InputError('expression', text.pos + err.position, text.pos + err.position + 1, { message: lang === 'zh-CN' ? err.messages['zh-CN'] : err.messages.en });
      }
      throw err;
    }
    for (const name of names) {
      if (categoryOf(name) !== undefined) continue;
      const at = text.source.search(new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`));
      throw new InputError('undefined_name', text.pos + Math.max(0, at), text.pos + Math.max(0, at) + name.length, { name }, name);
    }
    return text.source;
  };
  const numberOf = (source: string): number | string => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(source.trim()) ? Number(source) : source);

  /** Reads an argument: a nested command or a point makes an element; a name refers to one. */
  const arg = (node: SyntaxNode): Arg => {
    if (node.kind === 'command') {
      const id = add(command(node));
      return { kind: 'ref', id, category: categoryOf(id)! };
    }
    if (node.kind === 'point') {
      const id = add({ element: { type: 'point', x: numberOf(expression(node.x)), y: numberOf(expression(node.y)) }, nameKind: 'point' });
      return { kind: 'ref', id, category: 'point' };
    }
    const source = node.text.source;
    const category = categoryOf(source);
    if (category !== undefined && category !== 'slider' && category !== 'measure' && category !== 'angle') return { kind: 'ref', id: source, category };
    return { kind: 'number', value: numberOf(expression(node.text)) };
  };

  const command = (node: Extract<SyntaxNode, { kind: 'command' }>): Draft => {
    const def = findCommand(node.name);
    if (!def) throw new InputError('unknown_command', node.pos, node.pos + node.name.length, { name: node.name });
    const args = node.args.map(arg);
    for (const s of def.signatures) {
      const arityOk = s.variadicUpTo ? args.length >= s.args.length && args.length <= s.variadicUpTo : args.length === s.args.length;
      if (!arityOk) continue;
      const kinds = args.map((_, i) => s.args[Math.min(i, s.args.length - 1)]!);
      if (args.every((a, i) => fits(a, kinds[i]!))) return s.make(args);
    }
    const names = ARG_KIND_NAMES[lang];
    throw new InputError('bad_arguments', node.pos, node.end, { command: lang === 'zh-CN' ? def.zh[0]! : def.name, expected: signatureText(def, (k) => names[k], lang) });
  };

  const value = parsed.value;
  let result: Draft;
  if (target?.variable || (target?.name === 'y' && !redefine && value.kind === 'expr')) {
    // f(x) = …, or y = … : a function graph (of x: the format's function graphs are y = f(x)).
    if (target.variable && target.variable !== 'x') throw new InputError('bad_target', target.pos, target.pos + target.name.length + 3);
    if (value.kind !== 'expr') throw new InputError('bad_arguments', value.pos, value.end, { command: `${target.name}(x)`, expected: 'f(x) = x^2' });
    result = { element: { type: 'functiongraph', f: expression(value.text, ['x']) }, nameKind: 'function' };
  } else if (value.kind === 'command') {
    result = command(value);
  } else if (value.kind === 'point') {
    result = { element: { type: 'point', x: numberOf(expression(value.x)), y: numberOf(expression(value.y)) }, nameKind: 'point' };
  } else {
    const source = value.text.source;
    const n = numberOf(source);
    if (typeof n === 'number' && target) {
      // k = 2: a number a teacher can change, i.e. a slider around it.
      const span = Math.max(5, Math.ceil(Math.abs(n)));
      result = { element: { type: 'slider', min: -span, max: span, value: n, step: 0.1 }, nameKind: 'slider' };
    } else {
      // A formula in x (x^2 + 1) is a function graph, as GeoGebra reads it.
      const readsX = namesIn(source).has('x');
      if (readsX && !target) result = { element: { type: 'functiongraph', f: expression(value.text, ['x']) }, nameKind: 'function' };
      else {
        expression(value.text);
        throw new InputError('not_a_number_definition', value.pos, value.end);
      }
    }
  }

  try {
    if (redefine) {
      const next = replaceElement(addElements(doc, drafts.map((d) => d.element)), redefine, { ...result.element, id: redefine } as FigureElement);
      return { document: next, created: [...drafts.map((d) => d.id), redefine], label: line.trim() };
    }
    const id = add(result, target && target.name !== 'y' ? target.name : undefined);
    return { document: addElements(doc, drafts.map((d) => d.element)), created: drafts.map((d) => d.id).slice(0, drafts.findIndex((d) => d.id === id) + 1), label: line.trim() };
  } catch (err) {
    if (err instanceof EditRefusedError) {
      const first = err.errors[0];
      throw new InputError('invalid', 0, line.length, { message: first ? (lang === 'zh-CN' ? first.messages['zh-CN'] : first.messages.en) : err.message });
    }
    if (err instanceof NameError) throw new InputError(err.code === 'reserved_name' ? 'reserved_name' : 'bad_name', 0, line.length, { name: err.elementName });
    throw err;
  }
}

/** A slider for a name a line used before defining it (the "create slider k" offer). */
export function sliderFor(doc: FigureDocument, name: string): FigureDocument {
  return addElements(doc, [{ id: name, type: 'slider', min: -5, max: 5, value: 1, step: 0.1 }]);
}

export type { NameKind };
