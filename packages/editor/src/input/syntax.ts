/**
 * The input line's syntax, read into a tree: `A = (1, 2)`, `f(x) = k*x^2 + 1`, `y = 2x`,
 * `Circle(A, B, C)`, `中点(A, B)`, `Intersect(Segment(A, Midpoint(B, C)), Segment(B, Midpoint(C, A)))`.
 * Commands, points and names are read here; arithmetic is left to the figure's own expression
 * language (handed over with its offset, so its errors point at the right column).
 */

export type SyntaxNode =
  | { readonly kind: 'command'; readonly name: string; readonly args: readonly SyntaxNode[]; readonly pos: number; readonly end: number }
  | { readonly kind: 'point'; readonly x: ExprText; readonly y: ExprText; readonly pos: number; readonly end: number }
  | { readonly kind: 'expr'; readonly text: ExprText; readonly pos: number; readonly end: number };

/** A stretch of the line that is an expression, with where it starts. */
export interface ExprText {
  readonly source: string;
  readonly pos: number;
}

export interface ParsedLine {
  /** `A` in `A = …`, `f` in `f(x) = …` (with `variable` x), `y` in `y = …`. */
  readonly target?: { readonly name: string; readonly variable?: string; readonly pos: number };
  readonly value: SyntaxNode;
}

export class InputSyntaxError extends Error {
  readonly code: 'empty' | 'unbalanced' | 'bad_target' | 'empty_argument';
  readonly position: number;
  constructor(code: InputSyntaxError['code'], position: number) {
    super(`${code} at ${position}`);
    this.name = 'InputSyntaxError';
    this.code = code;
    this.position = position;
  }
}

/** Letters of any script (中点, 圆), digits and _; a command name starts with a letter. */
const COMMAND_NAME = /^([\p{L}_][\p{L}\p{N}_]*)\s*\(/u;
const TARGET = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(\s*([A-Za-z])\s*\))?\s*$/;

/** Index of the `)` closing the `(` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits at commas outside parentheses (，and 、 count as commas: a Chinese keyboard types them). */
function splitTopLevel(text: string, offset: number): { text: string; pos: number }[] {
  const parts: { text: string; pos: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') depth--;
    else if (depth === 0 && (c === ',' || c === '，' || c === '、')) {
      parts.push({ text: text.slice(start, i), pos: offset + start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), pos: offset + start });
  return parts;
}

/** Full-width brackets become ASCII ones, character for character, so positions stay true. */
const normalize = (text: string) => text.replace(/（/g, '(').replace(/）/g, ')').replace(/＝/g, '=');

function trimmed(text: string, pos: number): { text: string; pos: number } {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), pos: pos + lead };
}

function parseValue(raw: string, rawPos: number): SyntaxNode {
  const { text, pos } = trimmed(raw, rawPos);
  if (!text) throw new InputSyntaxError('empty_argument', rawPos);
  const end = pos + text.length;
  const command = COMMAND_NAME.exec(text);
  if (command) {
    const open = text.indexOf('(');
    const close = closing(text, open);
    if (close < 0) throw new InputSyntaxError('unbalanced', pos + open);
    if (close === text.length - 1) {
      const inner = text.slice(open + 1, close);
      const args = inner.trim() === '' ? [] : splitTopLevel(inner, pos + open + 1).map((a) => parseValue(a.text, a.pos));
      return { kind: 'command', name: command[1]!, args, pos, end };
    }
  }
  if (text.startsWith('(')) {
    const close = closing(text, 0);
    if (close < 0) throw new InputSyntaxError('unbalanced', pos);
    if (close === text.length - 1) {
      const parts = splitTopLevel(text.slice(1, close), pos + 1);
      if (parts.length === 2) {
        const [x, y] = parts.map((p) => trimmed(p.text, p.pos)) as [{ text: string; pos: number }, { text: string; pos: number }];
        if (!x.text) throw new InputSyntaxError('empty_argument', x.pos);
        if (!y.text) throw new InputSyntaxError('empty_argument', y.pos);
        return { kind: 'point', x: { source: x.text, pos: x.pos }, y: { source: y.text, pos: y.pos }, pos, end };
      }
    }
  }
  return { kind: 'expr', text: { source: text, pos }, pos, end };
}

/** The `=` that assigns (not one of `==`, `<=`, `>=`, `!=`), outside parentheses. */
function assignment(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '=' && depth === 0 && text[i + 1] !== '=' && !'<>!='.includes(text[i - 1] ?? '')) return i;
  }
  return -1;
}

export function parseLine(input: string): ParsedLine {
  const text = normalize(input);
  if (!text.trim()) throw new InputSyntaxError('empty', 0);
  const eq = assignment(text);
  if (eq < 0) return { value: parseValue(text, 0) };
  const left = text.slice(0, eq);
  const target = TARGET.exec(left);
  if (!target) throw new InputSyntaxError('bad_target', left.length - left.trimStart().length);
  return {
    target: { name: target[1]!, ...(target[2] ? { variable: target[2] } : {}), pos: left.indexOf(target[1]!) },
    value: parseValue(text.slice(eq + 1), eq + 1),
  };
}
