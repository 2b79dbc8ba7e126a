/**
 * The JSON Schema of format versions 1 and 2, generated from the element catalogue so it cannot
 * drift from the validator. It checks shape only; `validateFigure` also checks references,
 * cycles and expressions. `schema/figure.schema.json` is this function's output.
 */
import { ELEMENT_TYPE_DEFINITIONS } from './element-types/catalogue';
import { COORDINATE_LIMIT, ELEMENT_SPECS, ID_PATTERN, COLOR_PATTERN, STYLE_FIELDS, type FieldSpec } from './elements';
import { LIMITS } from './validate/validate';

type Schema = Record<string, unknown>;

const EXPRESSION_MAX = 500;
const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

function numberSchema(min: number, max: number, integer = false): Schema {
  const s: Schema = { type: integer ? 'integer' : 'number', maximum: max };
  if (min === Number.MIN_VALUE) s.exclusiveMinimum = 0;
  else s.minimum = min;
  return s;
}

function fieldSchema(field: FieldSpec): Schema {
  switch (field.kind) {
    case 'ref':
      return ref('id');
    case 'refList':
      return { type: 'array', items: ref('id'), minItems: field.min, maxItems: field.max };
    case 'refOrList':
      return { anyOf: [ref('id'), { type: 'array', items: ref('id'), minItems: field.length, maxItems: field.length }] };
    case 'number':
      return numberSchema(field.min, field.max, field.integer);
    case 'numberOrExpression':
      return ref('numberOrExpression');
    case 'expression':
      return ref('expression');
    case 'interval':
      return { type: 'array', items: ref('numberOrExpression'), minItems: 2, maxItems: 2 };
    case 'position':
      return { type: 'array', minItems: 2, maxItems: 2, items: { type: 'array', minItems: 2, maxItems: 2, items: ref('coordinate') } };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: [...field.values] };
    case 'text':
    case 'template':
      return ref('localizedText');
    case 'style':
      return ref('style');
  }
}

export function figureJsonSchema(): Schema {
  const elementRules = Object.entries(ELEMENT_SPECS).map(([type, spec]) => {
    const properties: Schema = {};
    for (const [key, field] of Object.entries(spec.fields)) properties[key] = key === 'id' ? ref('id') : key === 'type' ? { const: type } : fieldSchema(field);
    return {
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { properties, required: ['id', 'type', ...spec.required], additionalProperties: false },
    };
  });

  const styleProperties: Schema = {};
  for (const [key, field] of Object.entries(STYLE_FIELDS)) styleProperties[key] = field.kind === 'number' ? numberSchema(field.min, field.max, field.integer) : ref('color');

  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://netpad.dev/schemas/figure.schema.json',
    title: 'Netpad figure document, format versions 1 and 2',
    description: 'Shape only: validateFigure() from @netpad/figure also checks references, cycles and expressions. See docs/format.md.',
    type: 'object',
    required: ['format', 'version', 'title', 'board', 'elements'],
    additionalProperties: false,
    // A version-1 document uses only the types version 1 had.
    if: { properties: { version: { const: 1 } }, required: ['version'] },
    then: { properties: { elements: { type: 'array', items: { type: 'object', properties: { type: { enum: ELEMENT_TYPE_DEFINITIONS.filter((d) => d.since === undefined).map((d) => d.type) } } } } } },
    properties: {
      format: { const: 'netpad-figure' },
      version: { enum: [1, 2] },
      title: ref('localizedText'),
      description: ref('localizedText'),
      meta: {
        type: 'object',
        additionalProperties: false,
        properties: {
          stage: { enum: ['primary', 'junior', 'senior'] },
          grade: { type: 'integer', minimum: 1, maximum: 12 },
          topics: { type: 'array', items: { type: 'string' }, maxItems: LIMITS.topics },
        },
      },
      board: {
        type: 'object',
        required: ['boundingBox'],
        additionalProperties: false,
        properties: {
          boundingBox: { type: 'array', items: ref('coordinate'), minItems: 4, maxItems: 4, description: '[xmin, ymax, xmax, ymin]' },
          axis: { type: 'boolean' },
          grid: { type: 'boolean' },
          keepAspectRatio: { type: 'boolean' },
        },
      },
      elements: {
        type: 'array',
        minItems: 1,
        maxItems: LIMITS.elements,
        items: {
          type: 'object',
          required: ['id', 'type'],
          properties: { type: { enum: Object.keys(ELEMENT_SPECS) } },
          allOf: elementRules,
        },
      },
      state: {
        type: 'object',
        propertyNames: ref('id'),
        additionalProperties: { anyOf: [ref('coordinate'), { type: 'array', items: ref('coordinate'), minItems: 2, maxItems: 2 }] },
      },
    },
    $defs: {
      id: { type: 'string', pattern: ID_PATTERN.source },
      coordinate: { type: 'number', minimum: -COORDINATE_LIMIT, maximum: COORDINATE_LIMIT },
      expression: { type: 'string', minLength: 1, maxLength: EXPRESSION_MAX },
      numberOrExpression: { anyOf: [ref('coordinate'), ref('expression')] },
      color: { type: 'string', pattern: COLOR_PATTERN.source },
      localizedText: {
        anyOf: [
          { type: 'string', maxLength: LIMITS.textLength },
          { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength: LIMITS.textLength } },
        ],
      },
      style: { type: 'object', additionalProperties: false, properties: styleProperties },
    },
  };
}
