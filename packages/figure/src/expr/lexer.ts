import { ExpressionError } from './errors';
import type { Punctuator, Token } from './tokens';

/** Longer spellings first so that "<=" is never read as "<" then "=". */
const PUNCTUATORS: readonly Punctuator[] = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '(', ')', ',', '.', '<', '>'];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNamePart = (c: number): boolean => isNameStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Full-width forms (U+FF01–U+FF5E) come from Chinese input methods; name their ASCII twin. */
function fullWidthTwin(code: number): string | undefined {
  if (code === 0x3000) return ' ';
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return undefined;
}

function unexpectedCharacter(source: string, pos: number): ExpressionError {
  const code = source.codePointAt(pos) ?? 0;
  const char = String.fromCodePoint(code);
  const params = { char, code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
  const twin = fullWidthTwin(code);
  if (twin !== undefined) return new ExpressionError('unexpected_character', pos, { ...params, ascii: twin }, 'full_width');
  if (char === '=') return new ExpressionError('unexpected_character', pos, params, 'single_equals');
  if (char === '!') return new ExpressionError('unexpected_character', pos, params, 'lone_bang');
  return new ExpressionError('unexpected_character', pos, params);
}

/** Digits, then a fraction only if a digit follows the dot ("2.x" is 2 then ".x"), then an exponent only if complete ("2e" is 2 then "e"). */
function numberEnd(source: string, start: number): number {
  let i = start;
  while (isDigit(source.charCodeAt(i))) i++;
  if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
    i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  const e = source.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = source.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(source.charCodeAt(j))) {
      while (isDigit(source.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      const end = numberEnd(source, i);
      const text = source.slice(i, end);
      tokens.push({ type: 'number', value: Number(text), text, pos: i, end });
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let end = i + 1;
      while (isNamePart(source.charCodeAt(end))) end++;
      tokens.push({ type: 'name', text: source.slice(i, end), pos: i, end });
      i = end;
      continue;
    }
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i));
    if (punct === undefined) throw unexpectedCharacter(source, i);
    tokens.push({ type: 'punct', text: punct, pos: i, end: i + punct.length });
    i += punct.length;
  }
  tokens.push({ type: 'end', text: '', pos: source.length, end: source.length });
  return tokens;
}
