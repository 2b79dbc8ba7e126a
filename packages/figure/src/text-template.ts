/**
 * Live text: "面积 S = {area(rect):1}". Braces hold an expression and an optional number of
 * decimals; `{{` and `}}` are literal braces. The result is always plain text.
 */

export interface LiteralPart {
  readonly kind: 'literal';
  readonly text: string;
}
export interface ExpressionPart {
  readonly kind: 'expression';
  readonly source: string;
  /** Offset of the expression in the template, for error messages. */
  readonly offset: number;
  readonly decimals: number;
}
export type TemplatePart = LiteralPart | ExpressionPart;

export class TemplateError extends Error {
  readonly position: number;
  readonly messages: { en: string; 'zh-CN': string };
  constructor(position: number, en: string, zh: string) {
    super(`${en} (at character ${position + 1})`);
    this.name = 'TemplateError';
    this.position = position;
    this.messages = { en: `${en} (at character ${position + 1})`, 'zh-CN': `第 ${position + 1} 个字符处：${zh}` };
  }
}

export const DEFAULT_DECIMALS = 2;
const MAX_DECIMALS = 10;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && template[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '}') {
      throw new TemplateError(i, 'A "}" without its "{" (write "}}" for a literal brace)', '多余的 “}”（字面上的花括号请写作 “}}”）');
    } else if (ch === '{') {
      const close = template.indexOf('}', i + 1);
      if (close < 0) throw new TemplateError(i, 'A "{" is never closed', '“{” 没有闭合');
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push(parseExpressionPart(template.slice(i + 1, close), i + 1));
      i = close + 1;
    } else {
      literal += ch;
      i += 1;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

function parseExpressionPart(inner: string, offset: number): ExpressionPart {
  let source = inner;
  let decimals = DEFAULT_DECIMALS;
  const format = /:\s*(\d+)\s*$/.exec(inner);
  if (format) {
    decimals = Number(format[1]);
    if (decimals > MAX_DECIMALS) {
      throw new TemplateError(offset + format.index, `At most ${MAX_DECIMALS} decimals can be shown`, `最多显示 ${MAX_DECIMALS} 位小数`);
    }
    source = inner.slice(0, format.index);
  }
  if (!source.trim()) throw new TemplateError(offset, 'Empty braces: put an expression inside', '花括号内为空：请写入表达式');
  return { kind: 'expression', source, offset, decimals };
}

/** Formats a live value: fixed decimals, no "-0.00", and a dash for a value that does not exist. */
export function formatNumber(value: number, decimals: number = DEFAULT_DECIMALS): string {
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
