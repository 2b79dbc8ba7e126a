import type { FigureValidationError } from '@netpad/figure';

/** An edit the format refuses: the document stays as it was; `errors` say why (both languages). */
export class EditRefusedError extends Error {
  readonly errors: readonly FigureValidationError[];
  constructor(errors: readonly FigureValidationError[], message = errors[0]?.message ?? 'The edit would make an invalid figure') {
    super(message);
    this.name = 'EditRefusedError';
    this.errors = errors;
  }
}

/** A name that cannot be used: taken, reserved, or not a name at all. */
export class NameError extends Error {
  readonly code: 'bad_name' | 'name_taken' | 'reserved_name' | 'no_such_element';
  readonly elementName: string;
  constructor(code: NameError['code'], name: string) {
    super(`${code}: ${name}`);
    this.name = 'NameError';
    this.code = code;
    this.elementName = name;
  }
}
