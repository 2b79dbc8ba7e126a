/**
 * @netpad/figure: the figure document format, its validation and its safe expression
 * language. The renderer (which loads JSXGraph) is the separate entry `@netpad/figure/render`
 * and the Node poster is `@netpad/figure/poster`, so that validating a document never pulls in
 * a quarter-megabyte of geometry engine.
 */
export type * from './types';
export { validateFigure, parseFigure, LIMITS, childPath, type FigureValidationError, type ValidationResult, type ValidateOptions } from './validate/validate';
export type { ValidationCode } from './validate/messages';
export { ELEMENT_SPECS, ELEMENT_TYPES, elementSpec, elementCategory, ID_PATTERN, COLOR_PATTERN, COORDINATE_LIMIT, type ElementSpec, type FieldSpec, type Category, type CategoryLookup } from './elements';
export * from './expr/index';
export { parseTemplate, formatNumber, TemplateError, type TemplatePart } from './text-template';
export { pickText, uiLocale } from './localize';
export { InvalidFigureError } from './render/errors';

/** The `format` value of every figure document. */
export const FIGURE_FORMAT = 'netpad-figure';
/** The newest format version this package reads (it reads every version up to this one). */
export const FIGURE_VERSION = 2;
export { figureJsonSchema } from './schema';
export { ELEMENT_TYPE_DEFINITIONS, elementTypeDefinition, directReferences, expressionsOf } from './element-types/catalogue';
export type { ElementTypeDefinition, BuildContext, StateKind } from './element-types/definition';
