/**
 * What every element type's keys may hold, read from the element catalogue
 * (`element-types/catalogue.ts`): validation, the generated JSON Schema and the renderer's view
 * of what an element "is" come from one description per type, so they cannot drift apart.
 */
import type { ValueKind } from './expr/index';
import { ELEMENT_TYPE_DEFINITIONS, elementTypeDefinition } from './element-types/catalogue';
import { categoryOf, type Category, type CategoryLookup, type ElementSpec, type FieldSpec } from './element-types/fields';

export { COORDINATE_LIMIT, type Category, type CategoryLookup, type ElementSpec, type FieldSpec, type RefSpec } from './element-types/fields';

export const ELEMENT_SPECS: Readonly<Record<string, ElementSpec>> = Object.fromEntries(ELEMENT_TYPE_DEFINITIONS.map((d) => [d.type, d.spec]));

export const ELEMENT_TYPES: readonly string[] = ELEMENT_TYPE_DEFINITIONS.map((d) => d.type);

export function elementSpec(type: string): ElementSpec | undefined {
  return elementTypeDefinition(type)?.spec;
}

/**
 * What the element `id` is (a point, a segment, a polygon…), for references between elements:
 * its type's category, or for the image of a transformation its original's. `lookup` finds an
 * element of the document by id.
 */
export function elementCategory(id: string, lookup: CategoryLookup): Category | undefined {
  return categoryOf(id, lookup, elementSpec);
}

/** How an element of a category looks from inside an expression. */
export function valueKindOf(category: Category): ValueKind {
  switch (category) {
    case 'point':
      return 'point';
    case 'segment':
      return 'segment';
    case 'linelike':
      return 'line';
    case 'circle':
      return 'circle';
    case 'polygon':
      return 'polygon';
    case 'function':
      return 'function';
    case 'slider':
    case 'measure':
    case 'angle':
      return 'number';
    default:
      return 'opaque';
  }
}

export const STYLE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  color: { kind: 'text' },
  fillColor: { kind: 'text' },
  fillOpacity: { kind: 'number', min: 0, max: 1 },
  strokeWidth: { kind: 'number', min: 0, max: 20 },
  dash: { kind: 'number', min: 0, max: 6, integer: true },
  size: { kind: 'number', min: 1, max: 20 },
};

export const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
