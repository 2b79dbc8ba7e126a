/** Operators and punctuation of the expression language; anything else is a number or a name. */
export type Punctuator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '('
  | ')'
  | ','
  | '.'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!=';

export type Token =
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly pos: number; readonly end: number }
  | { readonly type: 'name'; readonly text: string; readonly pos: number; readonly end: number }
  | { readonly type: 'punct'; readonly text: Punctuator; readonly pos: number; readonly end: number }
  | { readonly type: 'end'; readonly text: ''; readonly pos: number; readonly end: number };
