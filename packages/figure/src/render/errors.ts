import type { FigureValidationError } from '../validate/validate';

/** Thrown when asked to draw a document that does not validate; `errors` says why. */
export class InvalidFigureError extends Error {
  readonly errors: readonly FigureValidationError[];
  constructor(errors: readonly FigureValidationError[]) {
    super(`Invalid figure document: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'InvalidFigureError';
    this.errors = errors;
  }
}
