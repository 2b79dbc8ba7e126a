import { compileExpression, ExpressionError, RESERVED_NAMES, type ValueKind } from '../expr/index';
import {
  COLOR_PATTERN,
  COORDINATE_LIMIT,
  elementSpec,
  ID_PATTERN,
  STYLE_FIELDS,
  valueKindOf,
  type Category,
  type ElementSpec,
  type FieldSpec,
  type RefSpec,
} from '../elements';
import { parseTemplate, TemplateError } from '../text-template';
import { elementTypeDefinition } from '../element-types/catalogue';
import { categoryOf } from '../element-types/fields';
import type { FigureDocument, Locale } from '../types';
import { validationMessages, type MessageParams, type ValidationCode } from './messages';

export const LIMITS = {
  /** Bytes of the document as UTF-8 JSON. */
  documentBytes: 256 * 1024,
  elements: 400,
  textLength: 2000,
  topics: 32,
  /** Errors returned in full; the rest are only counted (`total`). */
  errors: 100,
  /** Expressions compiled, in fields and inside texts' `{…}`, over the whole document. */
  expressions: 2000,
  /** Characters of those expressions, over the whole document. */
  expressionChars: 64 * 1024,
} as const;

export interface FigureValidationError {
  /** JSON path of the offending value, e.g. `$.elements[3].points[1]`. */
  readonly path: string;
  readonly code: ValidationCode;
  readonly params: MessageParams;
  /** The message in the requested locale. */
  readonly message: string;
  readonly messages: Readonly<Record<Locale, string>>;
}

export type ValidationResult =
  | { readonly ok: true; readonly errors: readonly []; readonly total: 0; readonly document: FigureDocument }
  | {
      readonly ok: false;
      /** The first `LIMITS.errors` problems. */
      readonly errors: readonly FigureValidationError[];
      /** How many problems were found in all; more than `errors.length` when the list was cut. */
      readonly total: number;
    };

export interface ValidateOptions {
  /** Locale of `message` (both are always in `messages`). Default `en`. */
  locale?: Locale;
}

type Json = unknown;

interface KnownElement {
  readonly index: number;
  readonly type: string;
  readonly spec: ElementSpec;
  /** What it is for references: its spec's category, or its original's for an image. */
  category: Category;
}

/** Thrown when a document asks for more work than any figure needs; ends the validation. */
class TooComplex extends Error {}

/**
 * Keeps the first LIMITS.errors problems and counts the rest, and meters the expensive work
 * (compiling expressions): a hostile document gets a short answer in bounded time, however
 * many problems it packs.
 */
class Collector {
  readonly errors: FigureValidationError[] = [];
  total = 0;
  #expressions = 0;
  #expressionChars = 0;
  constructor(private readonly locale: Locale) {}
  add(path: string, code: ValidationCode, params: MessageParams = {}): void {
    this.total++;
    if (this.errors.length >= LIMITS.errors) return;
    const messages = validationMessages(code, params);
    this.errors.push({ path, code, params, message: messages[this.locale], messages });
  }
  /** Accounts for one expression about to be compiled; past the budget the validation stops. */
  spend(path: string, source: string): void {
    this.#expressions++;
    this.#expressionChars += source.length;
    if (this.#expressions > LIMITS.expressions) {
      this.add(path, 'too_complex', { what: 'expressions', limit: LIMITS.expressions });
      throw new TooComplex();
    }
    if (this.#expressionChars > LIMITS.expressionChars) {
      this.add(path, 'too_complex', { what: 'expression characters', limit: LIMITS.expressionChars });
      throw new TooComplex();
    }
  }
  failed(): ValidationResult {
    return { ok: false, errors: this.errors, total: this.total };
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return IDENT.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: Json): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks a figure document against every rule of docs/format.md and returns all problems,
 * not just the first: an author fixing a figure wants the whole list.
 */
export function validateFigure(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  const out = new Collector(options.locale ?? 'en');
  try {
    return check(out, doc);
  } catch (err) {
    if (err instanceof TooComplex) return out.failed();
    throw err;
  }
}

function check(out: Collector, doc: unknown): ValidationResult {
  if (!isObject(doc)) {
    out.add('$', 'not_an_object');
    return out.failed();
  }
  let size: number;
  try {
    size = new TextEncoder().encode(JSON.stringify(doc)).length;
  } catch {
    out.add('$', 'not_an_object');
    return out.failed();
  }
  if (size > LIMITS.documentBytes) {
    out.add('$', 'too_large', { size, limit: LIMITS.documentBytes });
    return out.failed();
  }

  checkKeys(out, '$', doc, ['format', 'version', 'title', 'description', 'meta', 'board', 'elements', 'state']);
  if (doc.format !== 'netpad-figure') out.add('$.format', 'wrong_format');
  if (doc.version === undefined) {
    out.add('$', 'missing_key', { key: 'version' });
  } else if (doc.version !== 1 && doc.version !== 2) {
    // Other versions have other rules: checking them against these would only mislead.
    out.add('$.version', 'unsupported_version', { version: String(JSON.stringify(doc.version)) });
    return out.failed();
  }
  // A key whose value is `undefined` (possible from JavaScript, never from JSON) is missing.
  if (doc.title === undefined) out.add('$', 'missing_key', { key: 'title' });
  else checkText(out, '$.title', doc.title);
  if (doc.description !== undefined) checkText(out, '$.description', doc.description);
  if (doc.meta !== undefined) checkMeta(out, doc.meta);
  if (doc.board === undefined) out.add('$', 'missing_key', { key: 'board' });
  else checkBoard(out, doc.board);

  if (doc.elements === undefined) {
    out.add('$', 'missing_key', { key: 'elements' });
  } else if (!Array.isArray(doc.elements)) {
    out.add('$.elements', 'wrong_type', { expected: 'an array', found: describe(doc.elements) });
  } else if (doc.elements.length > LIMITS.elements) {
    out.add('$.elements', 'too_many_elements', { count: doc.elements.length, limit: LIMITS.elements });
  } else if (doc.elements.length === 0) {
    out.add('$.elements', 'out_of_range', { value: 0, range: `1 to ${LIMITS.elements} elements`, rangeZh: `1 到 ${LIMITS.elements} 个元素` });
  } else {
    const known = checkElements(out, doc.elements, doc.version);
    if (doc.state !== undefined) checkState(out, '$.state', doc.state, doc.elements, known);
  }

  if (out.total > 0) return out.failed();
  return { ok: true, errors: [], total: 0, document: doc as unknown as FigureDocument };
}

/** Parses JSON text and validates it; a syntax error or an oversized text is a validation error. */
export function parseFigure(text: string, options: ValidateOptions = {}): ValidationResult {
  const out = new Collector(options.locale ?? 'en');
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.documentBytes) {
    out.add('$', 'too_large', { size: bytes, limit: LIMITS.documentBytes });
    return out.failed();
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    out.add('$', 'not_json', { detail: err instanceof Error ? err.message : String(err) });
    return out.failed();
  }
  return validateFigure(doc, options);
}

function checkKeys(out: Collector, path: string, obj: Record<string, Json>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) out.add(childPath(path, key), 'unknown_key', { key });
  }
}

/**
 * Characters no text needs and XML cannot carry (posters are SVG): C0 controls but tab and
 * newlines, DEL, the non-characters U+FFFE/U+FFFF, and halves of surrogate pairs.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(out: Collector, path: string, text: string): void {
  if (text.length > LIMITS.textLength) {
    out.add(path, 'out_of_range', { value: `${text.length} characters`, valueZh: `${text.length} 个字符`, range: `at most ${LIMITS.textLength}`, rangeZh: `最多 ${LIMITS.textLength} 个` });
  }
  const bad = FORBIDDEN_CHARACTER.exec(text);
  if (bad) out.add(path, 'control_character', { code: `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, position: bad.index + 1 });
}

function checkText(out: Collector, path: string, value: Json): void {
  if (typeof value === 'string') {
    checkString(out, path, value);
    return;
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    out.add(path, 'wrong_type', { expected: 'text (a string or an object of strings by locale)', found: describe(value) });
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    if (typeof text !== 'string') out.add(childPath(path, locale), 'wrong_type', { expected: 'a string', found: describe(text) });
    else checkString(out, childPath(path, locale), text);
  }
}

function checkBoolean(out: Collector, path: string, value: Json): void {
  if (typeof value !== 'boolean') out.add(path, 'wrong_type', { expected: 'a boolean', found: describe(value) });
}

function checkNumber(out: Collector, path: string, value: Json, min: number, max: number, integer = false): value is number {
  if (!isFiniteNumber(value)) {
    out.add(path, 'wrong_type', { expected: integer ? 'an integer' : 'a number', found: describe(value) });
    return false;
  }
  if (integer && !Number.isInteger(value)) {
    out.add(path, 'wrong_type', { expected: 'an integer', found: 'a number' });
    return false;
  }
  if (value < min || value > max) {
    out.add(path, 'out_of_range', { value, range: rangeText(min, max), rangeZh: rangeTextZh(min, max) });
    return false;
  }
  return true;
}

function rangeText(min: number, max: number): string {
  if (min === Number.MIN_VALUE) return `greater than 0 and at most ${max}`;
  return `${min} to ${max}`;
}

function rangeTextZh(min: number, max: number): string {
  if (min === Number.MIN_VALUE) return `大于 0 且不超过 ${max}`;
  return `${min} 到 ${max}`;
}

function checkMeta(out: Collector, meta: Json): void {
  if (!isObject(meta)) {
    out.add('$.meta', 'wrong_type', { expected: 'an object', found: describe(meta) });
    return;
  }
  checkKeys(out, '$.meta', meta, ['stage', 'grade', 'topics']);
  if ('stage' in meta && !['primary', 'junior', 'senior'].includes(meta.stage as string)) {
    out.add('$.meta.stage', 'wrong_type', { expected: 'one of "primary", "junior", "senior"', found: JSON.stringify(meta.stage) ?? 'nothing' });
  }
  if ('grade' in meta) checkNumber(out, '$.meta.grade', meta.grade, 1, 12, true);
  if ('topics' in meta) {
    if (!Array.isArray(meta.topics)) {
      out.add('$.meta.topics', 'wrong_type', { expected: 'an array', found: describe(meta.topics) });
    } else {
      if (meta.topics.length > LIMITS.topics) out.add('$.meta.topics', 'out_of_range', { value: meta.topics.length, range: `at most ${LIMITS.topics} topics`, rangeZh: `最多 ${LIMITS.topics} 个主题` });
      meta.topics.forEach((topic, i) => {
        if (typeof topic !== 'string') out.add(`$.meta.topics[${i}]`, 'wrong_type', { expected: 'a string', found: describe(topic) });
      });
    }
  }
}

function checkBoard(out: Collector, board: Json): void {
  if (!isObject(board)) {
    out.add('$.board', 'wrong_type', { expected: 'an object', found: describe(board) });
    return;
  }
  checkKeys(out, '$.board', board, ['boundingBox', 'axis', 'grid', 'keepAspectRatio']);
  for (const key of ['axis', 'grid', 'keepAspectRatio']) {
    if (key in board) checkBoolean(out, `$.board.${key}`, board[key]);
  }
  if (!('boundingBox' in board)) {
    out.add('$.board', 'missing_key', { key: 'boundingBox' });
    return;
  }
  const box = board.boundingBox;
  if (!Array.isArray(box) || box.length !== 4) {
    out.add('$.board.boundingBox', 'wrong_type', { expected: 'an array of 4 numbers [xmin, ymax, xmax, ymin]', found: describe(box) });
    return;
  }
  const ok = box.every((v, i) => checkNumber(out, `$.board.boundingBox[${i}]`, v, -COORDINATE_LIMIT, COORDINATE_LIMIT));
  if (!ok) return;
  const [xmin, ymax, xmax, ymin] = box as number[];
  if (!(xmin! < xmax!)) out.add('$.board.boundingBox[2]', 'out_of_range', { value: xmax!, range: `xmax must be greater than xmin (${xmin})`, rangeZh: `xmax 必须大于 xmin（${xmin}）` });
  if (!(ymin! < ymax!)) out.add('$.board.boundingBox[1]', 'out_of_range', { value: ymax!, range: `ymax must be greater than ymin (${ymin})`, rangeZh: `ymax 必须大于 ymin（${ymin}）` });
}

function checkStyle(out: Collector, path: string, style: Json): void {
  if (!isObject(style)) {
    out.add(path, 'wrong_type', { expected: 'an object', found: describe(style) });
    return;
  }
  checkKeys(out, path, style, Object.keys(STYLE_FIELDS));
  for (const [key, value] of Object.entries(style)) {
    const field = Object.hasOwn(STYLE_FIELDS, key) ? STYLE_FIELDS[key] : undefined;
    if (!field) continue;
    const p = childPath(path, key);
    if (field.kind === 'number') checkNumber(out, p, value, field.min, field.max, field.integer);
    else if (typeof value !== 'string' || !COLOR_PATTERN.test(value)) out.add(p, 'wrong_type', { expected: 'a colour like #1e88e5', found: JSON.stringify(value) ?? 'nothing' });
  }
}

function checkElements(out: Collector, elements: Json[], version: unknown): Map<string, KnownElement> {
  const known = new Map<string, KnownElement>();
  const raw = new Map<string, Record<string, unknown>>();
  // First pass: ids and types, so that references can point forwards.
  elements.forEach((el, index) => {
    const path = `$.elements[${index}]`;
    if (!isObject(el)) {
      out.add(path, 'wrong_type', { expected: 'an object', found: describe(el) });
      return;
    }
    const id = el.id;
    let idOk = false;
    if (!('id' in el)) out.add(path, 'missing_key', { key: 'id' });
    else if (typeof id !== 'string') out.add(`${path}.id`, 'wrong_type', { expected: 'a string', found: describe(id) });
    else if (!ID_PATTERN.test(id)) out.add(`${path}.id`, 'bad_id', { id });
    else if (RESERVED_NAMES.has(id)) out.add(`${path}.id`, 'reserved_id', { id });
    else if (known.has(id)) out.add(`${path}.id`, 'duplicate_id', { id, first: known.get(id)!.index });
    else idOk = true;

    let spec: ElementSpec | undefined;
    if (!('type' in el)) out.add(path, 'missing_key', { key: 'type' });
    else if (typeof el.type !== 'string') out.add(`${path}.type`, 'wrong_type', { expected: 'a string', found: describe(el.type) });
    else if (!(spec = elementSpec(el.type))) out.add(`${path}.type`, 'unknown_element_type', { type: el.type });

    if (idOk && spec) {
      known.set(id as string, { index, type: el.type as string, spec, category: spec.category });
      raw.set(id as string, el);
    }
  });
  for (const [id, k] of known) if (k.spec.categoryFrom !== undefined) k.category = categoryOf(id, (x) => raw.get(x), elementSpec) ?? k.spec.category;

  const kindOf = (name: string): ValueKind | undefined => {
    const k = known.get(name);
    return k ? valueKindOf(k.category) : undefined;
  };
  const deps = new Map<string, Set<string>>();

  elements.forEach((el, index) => {
    if (!isObject(el)) return;
    const path = `$.elements[${index}]`;
    const spec = typeof el.type === 'string' ? elementSpec(el.type) : undefined;
    if (!spec) return;
    const elementDeps = new Set<string>();
    const ctx: FieldContext = { out, known, kindOf, deps: elementDeps };
    for (const key of spec.required) {
      if (el[key] === undefined) out.add(path, 'missing_key', { key });
    }
    for (const [key, value] of Object.entries(el)) {
      const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
      if (!field) {
        out.add(childPath(path, key), 'unknown_key', { key });
        continue;
      }
      if (key === 'id' || key === 'type') continue;
      checkField(ctx, childPath(path, key), field, value);
      const keySince = spec.sinceFields?.[key];
      if (keySince !== undefined && typeof version === 'number' && version < keySince) out.add(childPath(path, key), 'needs_version', { type: `${String(el.type)}.${key}`, version: keySince });
    }
    checkElementRules(out, path, el);
    const since = elementTypeDefinition(el.type as string)?.since;
    if (since !== undefined && typeof version === 'number' && version < since) out.add(`${path}.type`, 'needs_version', { type: el.type as string, version: since });
    if (typeof el.id === 'string' && known.get(el.id)?.index === index) deps.set(el.id, elementDeps);
  });

  reportCycles(out, deps, known);
  return known;
}

interface FieldContext {
  readonly out: Collector;
  readonly known: Map<string, KnownElement>;
  readonly kindOf: (name: string) => ValueKind | undefined;
  readonly deps: Set<string>;
}

function checkRef(ctx: FieldContext, path: string, value: Json, ref: RefSpec): void {
  if (typeof value !== 'string') {
    ctx.out.add(path, 'wrong_type', { expected: 'an element id', found: describe(value) });
    return;
  }
  const target = ctx.known.get(value);
  if (!target) {
    ctx.out.add(path, 'dangling_reference', { ref: value });
    return;
  }
  ctx.deps.add(value);
  if (!ref.accepts.includes(target.category) || (ref.types !== undefined && !ref.types.includes(target.type))) {
    ctx.out.add(path, 'wrong_reference_kind', { ref: value, found: `${/^[aeiou]/.test(target.type) ? 'an' : 'a'} ${target.type}`, expected: ref.expected });
  }
}

function checkRefList(ctx: FieldContext, path: string, value: Json, ref: RefSpec, min: number, max: number): void {
  if (!Array.isArray(value)) {
    ctx.out.add(path, 'wrong_type', { expected: 'an array', found: describe(value) });
    return;
  }
  if (value.length < min || value.length > max) {
    ctx.out.add(path, 'out_of_range', {
      value: `${value.length} items`,
      valueZh: `${value.length} 项`,
      range: min === max ? `exactly ${min}` : `${min} to ${max}`,
      rangeZh: min === max ? `须恰好 ${min} 项` : `须为 ${min} 到 ${max} 项`,
    });
  }
  value.forEach((item, i) => checkRef(ctx, `${path}[${i}]`, item, ref));
}

function checkExpression(ctx: FieldContext, path: string, source: string, locals: readonly string[] = []): void {
  ctx.out.spend(path, source);
  try {
    const compiled = compileExpression(source, { locals, resolveKind: ctx.kindOf });
    for (const name of compiled.names) ctx.deps.add(name);
  } catch (err) {
    reportExpressionError(ctx.out, path, err, 0);
  }
}

function reportExpressionError(out: Collector, path: string, err: unknown, offset: number): void {
  if (!(err instanceof ExpressionError)) throw err;
  const name = err.params.name;
  if (err.code === 'unknown_name' && typeof name === 'string') {
    out.add(path, 'dangling_reference', { ref: name });
    return;
  }
  const at = offset > 0 ? ` (text position ${offset + err.position + 1})` : '';
  out.add(path, 'bad_expression', {
    detail: err.messages.en + at,
    detailZh: err.messages['zh-CN'],
    expressionCode: err.code,
    position: err.position + offset,
  });
}

function checkField(ctx: FieldContext, path: string, field: FieldSpec, value: Json): void {
  const { out } = ctx;
  switch (field.kind) {
    case 'ref':
      return checkRef(ctx, path, value, field.ref);
    case 'refList':
      return checkRefList(ctx, path, value, field.ref, field.min, field.max);
    case 'refOrList':
      if (typeof value === 'string') return checkRef(ctx, path, value, field.single);
      return checkRefList(ctx, path, value, field.list, field.length, field.length);
    case 'number':
      checkNumber(out, path, value, field.min, field.max, field.integer);
      return;
    case 'numberOrExpression':
      if (typeof value === 'string') return checkExpression(ctx, path, value, field.locals);
      if (typeof value === 'number') {
        checkNumber(out, path, value, -COORDINATE_LIMIT, COORDINATE_LIMIT);
        return;
      }
      out.add(path, 'wrong_type', { expected: 'a number or an expression', found: describe(value) });
      return;
    case 'expression':
      if (typeof value !== 'string') {
        out.add(path, 'wrong_type', { expected: 'an expression', found: describe(value) });
        return;
      }
      return checkExpression(ctx, path, value, field.locals);
    case 'interval':
      if (!Array.isArray(value) || value.length !== 2) {
        out.add(path, 'wrong_type', { expected: 'an array of 2 numbers or expressions', found: describe(value) });
        return;
      }
      value.forEach((v, i) => checkField(ctx, `${path}[${i}]`, { kind: 'numberOrExpression' }, v));
      return;
    case 'position':
      if (!Array.isArray(value) || value.length !== 2 || !value.every((p) => Array.isArray(p) && p.length === 2)) {
        out.add(path, 'wrong_type', { expected: 'two points [[x1, y1], [x2, y2]]', found: describe(value) });
        return;
      }
      (value as Json[][]).forEach((p, i) => p.forEach((c, j) => checkNumber(out, `${path}[${i}][${j}]`, c, -COORDINATE_LIMIT, COORDINATE_LIMIT)));
      return;
    case 'boolean':
      return checkBoolean(out, path, value);
    case 'enum':
      if (!field.values.includes(value as string | number)) {
        out.add(path, 'wrong_type', { expected: `one of ${field.values.map((v) => JSON.stringify(v)).join(', ')}`, found: JSON.stringify(value) ?? 'nothing' });
      }
      return;
    case 'text':
      return checkText(out, path, value);
    case 'template':
      checkText(out, path, value);
      if (typeof value === 'string') checkTemplate(ctx, path, value);
      else if (isObject(value)) for (const [locale, t] of Object.entries(value)) if (typeof t === 'string') checkTemplate(ctx, childPath(path, locale), t);
      return;
    case 'style':
      return checkStyle(out, path, value);
  }
}

function checkTemplate(ctx: FieldContext, path: string, template: string): void {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    ctx.out.add(path, 'bad_text_template', { detail: err.messages.en, detailZh: err.messages['zh-CN'], position: err.position });
    return;
  }
  for (const part of parts) {
    if (part.kind !== 'expression') continue;
    ctx.out.spend(path, part.source);
    try {
      const compiled = compileExpression(part.source, { resolveKind: ctx.kindOf });
      for (const name of compiled.names) ctx.deps.add(name);
    } catch (err) {
      reportExpressionError(ctx.out, path, err, part.offset);
    }
  }
}

/** Rules that involve more than one key of an element: each type's own (its `rules`). */
function checkElementRules(out: Collector, path: string, el: Record<string, Json>): void {
  elementTypeDefinition(el.type as string)?.rules?.(el, path, {
    add: (p, code, params) => out.add(p, code, params),
    number: (p, value, min, max, integer) => void checkNumber(out, p, value, min, max, integer),
  });
}

function reportCycles(out: Collector, deps: Map<string, Set<string>>, known: Map<string, KnownElement>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of deps.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          out.add(`$.elements[${known.get(next)!.index}]`, 'cycle', { chain: [...cycle, next].join(' → ') });
        }
      } else if (s === undefined && deps.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of deps.keys()) if (!state.has(id)) visit(id);
}

/** Which elements carry state: sliders, free points and gliders (each type says). */
export function stateKind(el: Record<string, Json>): 'number' | 'point' | undefined {
  return typeof el.type === 'string' ? elementTypeDefinition(el.type)?.stateKind?.(el) : undefined;
}

function checkState(out: Collector, path: string, state: Json, elements: Json[], known: Map<string, KnownElement>): void {
  if (!isObject(state)) {
    out.add(path, 'wrong_type', { expected: 'an object', found: describe(state) });
    return;
  }
  for (const [id, value] of Object.entries(state)) {
    const p = childPath(path, id);
    const target = known.get(id);
    const el = target ? elements[target.index] : undefined;
    const kind = isObject(el) ? stateKind(el) : undefined;
    if (!target || !kind) {
      out.add(p, 'bad_state', {
        id,
        detail: target ? 'only sliders, free points and gliders have a state' : 'there is no such element',
        detailZh: target ? '只有滑块、自由点和滑动点有状态' : '没有这个元素',
      });
      continue;
    }
    if (kind === 'number') {
      checkNumber(out, p, value, -COORDINATE_LIMIT, COORDINATE_LIMIT);
    } else if (!Array.isArray(value) || value.length !== 2) {
      out.add(p, 'wrong_type', { expected: 'an array of 2 numbers [x, y]', found: describe(value) });
    } else {
      value.forEach((c, i) => checkNumber(out, `${p}[${i}]`, c, -COORDINATE_LIMIT, COORDINATE_LIMIT));
    }
  }
}

/** Categories are re-exported for the renderer's references. */
export type { Category };
