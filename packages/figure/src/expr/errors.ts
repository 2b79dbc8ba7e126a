import { describeError, type ErrorMessages, type MessageVariant } from './messages';

export type ExpressionErrorCode =
  | 'unexpected_character'
  | 'unexpected_token'
  | 'unexpected_end'
  | 'unknown_name'
  | 'unknown_function'
  | 'unknown_member'
  | 'wrong_argument_count'
  | 'wrong_argument_type'
  | 'too_long'
  | 'too_deep';

export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * A syntax or name error in an expression. Only compiling throws it: evaluation never does,
 * so a figure that compiled once keeps drawing whatever the reader drags.
 */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  /** 0-based offset into the source (messages count from 1, for people). */
  readonly position: number;
  readonly params: ErrorParams;
  readonly messages: ErrorMessages;

  /** `variant` picks a more helpful wording for a common mistake; the code stays the same. */
  constructor(code: ExpressionErrorCode, position: number, params: ErrorParams = {}, variant?: MessageVariant) {
    const messages = describeError(variant ?? code, position, params);
    super(messages.en);
    this.name = 'ExpressionError';
    this.code = code;
    this.position = position;
    this.params = params;
    this.messages = messages;
  }
}

export function formatExpressionError(err: ExpressionError, locale: 'en' | 'zh-CN'): string {
  return err.messages[locale];
}
