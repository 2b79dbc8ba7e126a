import type { BinaryOperator, ComparisonOperator, ExprNode } from './ast';
import { ExpressionError } from './errors';
import { tokenize } from './lexer';
import type { Token } from './tokens';

export const MAX_LENGTH = 500;
/** Parentheses, calls, signs and exponents each open a level; the limit keeps recursion (here and in evaluation) shallow. */
export const MAX_DEPTH = 64;

const COMPARISONS: ReadonlySet<string> = new Set<ComparisonOperator>(['<', '<=', '>', '>=', '==', '!=']);

function isPunct(token: Token, text: string): boolean {
  return token.type === 'punct' && token.text === text;
}

/** Tokens that end an operand / start one: two in a row mean a missing operator, usually a "*". */
function endsOperand(token: Token | undefined): boolean {
  return token !== undefined && (token.type === 'number' || token.type === 'name' || isPunct(token, ')'));
}
function startsOperand(token: Token): boolean {
  return token.type === 'number' || token.type === 'name' || isPunct(token, '(');
}

class Parser {
  private index = 0;
  private depth = 0;
  /** Offsets of the "(" still open, for "never closed" messages. */
  private readonly open: number[] = [];

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): ExprNode {
    const node = this.comparison();
    const token = this.peek();
    if (token.type !== 'end') throw this.unexpected(token);
    return node;
  }

  private peek(): Token {
    // The lexer always ends the list with an `end` token, and nothing reads past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }

  private unexpected(token: Token, expectingClose = false): ExpressionError {
    if (token.type === 'end') {
      if (this.source.trim() === '') return new ExpressionError('unexpected_end', token.pos, {}, 'empty');
      const open = this.open[this.open.length - 1];
      if (expectingClose && open !== undefined) return new ExpressionError('unexpected_end', token.pos, { open }, 'unclosed');
      return new ExpressionError('unexpected_end', token.pos);
    }
    const previous = this.tokens[this.tokens.indexOf(token) - 1];
    const params = { token: token.text };
    if (previous && endsOperand(previous) && startsOperand(token)) {
      return new ExpressionError('unexpected_token', token.pos, { ...params, before: previous.text }, 'implicit_multiplication');
    }
    return new ExpressionError('unexpected_token', token.pos, params);
  }

  private enter(pos: number): void {
    if (this.depth >= MAX_DEPTH) throw new ExpressionError('too_deep', pos, { max: MAX_DEPTH });
    this.depth++;
  }

  private leave(): void {
    this.depth--;
  }

  /** Not chained: "a < b < c" stops at the second "<". */
  private comparison(): ExprNode {
    const left = this.sum();
    const token = this.peek();
    if (token.type !== 'punct' || !COMPARISONS.has(token.text)) return left;
    this.next();
    const right = this.sum();
    return this.binary(token.text as BinaryOperator, token.pos, left, right);
  }

  private sum(): ExprNode {
    let left = this.product();
    for (let token = this.peek(); isPunct(token, '+') || isPunct(token, '-'); token = this.peek()) {
      this.next();
      left = this.binary(token.text as BinaryOperator, token.pos, left, this.product());
    }
    return left;
  }

  private product(): ExprNode {
    let left = this.unary();
    for (let token = this.peek(); isPunct(token, '*') || isPunct(token, '/'); token = this.peek()) {
      this.next();
      left = this.binary(token.text as BinaryOperator, token.pos, left, this.unary());
    }
    return left;
  }

  private unary(): ExprNode {
    const token = this.peek();
    if (isPunct(token, '-') || isPunct(token, '+')) {
      this.next();
      this.enter(token.pos);
      const operand = this.unary();
      this.leave();
      return { type: 'unary', operator: token.text as '-' | '+', operand, pos: token.pos, end: operand.end };
    }
    return this.power();
  }

  /** The exponent is a `unary`, so "2^-1" works and "2^3^2" nests to the right. */
  private power(): ExprNode {
    const base = this.postfix();
    const token = this.peek();
    if (!isPunct(token, '^')) return base;
    this.next();
    this.enter(token.pos);
    const exponent = this.unary();
    this.leave();
    return this.binary('^', token.pos, base, exponent);
  }

  private postfix(): ExprNode {
    let node = this.primary();
    while (isPunct(this.peek(), '.')) {
      this.next();
      const name = this.next();
      if (name.type !== 'name') throw this.unexpected(name);
      node = { type: 'member', object: node, member: name.text, memberPos: name.pos, pos: node.pos, end: name.end };
    }
    return node;
  }

  private primary(): ExprNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { type: 'number', value: token.value, pos: token.pos, end: token.end };
      case 'name':
        if (isPunct(this.peek(), '(')) return this.call(token);
        return { type: 'name', name: token.text, pos: token.pos, end: token.end };
      case 'punct':
        if (token.text === '(') {
          this.enter(token.pos);
          this.open.push(token.pos);
          const inner = this.comparison();
          this.expectClose();
          this.open.pop();
          this.leave();
          return inner;
        }
        throw this.unexpected(token);
      case 'end':
        throw this.unexpected(token);
    }
  }

  private call(callee: Token): ExprNode {
    const paren = this.next();
    this.enter(paren.pos);
    this.open.push(paren.pos);
    const args: ExprNode[] = [];
    if (isPunct(this.peek(), ')')) {
      this.next();
    } else {
      for (;;) {
        args.push(this.comparison());
        const token = this.next();
        if (isPunct(token, ')')) break;
        if (!isPunct(token, ',')) throw this.unexpected(token, true);
      }
    }
    this.open.pop();
    this.leave();
    const close = this.tokens[this.index - 1]!;
    return { type: 'call', callee: callee.text, args, pos: callee.pos, end: close.end };
  }

  private expectClose(): void {
    const token = this.peek();
    if (!isPunct(token, ')')) throw this.unexpected(token, true);
    this.next();
  }

  private binary(operator: BinaryOperator, operatorPos: number, left: ExprNode, right: ExprNode): ExprNode {
    return { type: 'binary', operator, operatorPos, left, right, pos: left.pos, end: right.end };
  }
}

/** Parses without resolving names: syntax errors only. */
export function parseExpression(source: string): ExprNode {
  if (source.length > MAX_LENGTH) throw new ExpressionError('too_long', MAX_LENGTH, { length: source.length, max: MAX_LENGTH });
  return new Parser(source, tokenize(source)).parse();
}
