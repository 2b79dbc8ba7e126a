/** Syntax tree of an expression. `pos` is the 0-based start offset in the source, `end` is exclusive. */

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '^';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator;

interface Span {
  readonly pos: number;
  readonly end: number;
}

export interface NumberNode extends Span {
  readonly type: 'number';
  readonly value: number;
}

export interface NameNode extends Span {
  readonly type: 'name';
  readonly name: string;
}

/** `name(args)`: a builtin function, or an element (a function graph) called with one number. */
export interface CallNode extends Span {
  readonly type: 'call';
  readonly callee: string;
  readonly args: readonly ExprNode[];
}

export interface MemberNode extends Span {
  readonly type: 'member';
  readonly object: ExprNode;
  readonly member: string;
  /** Where the member's name starts (after the dot). */
  readonly memberPos: number;
}

export interface UnaryNode extends Span {
  readonly type: 'unary';
  readonly operator: '-' | '+';
  readonly operand: ExprNode;
}

export interface BinaryNode extends Span {
  readonly type: 'binary';
  readonly operator: BinaryOperator;
  readonly operatorPos: number;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

export type ExprNode = NumberNode | NameNode | CallNode | MemberNode | UnaryNode | BinaryNode;
