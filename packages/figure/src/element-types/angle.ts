import { pickText } from '../localize';
import { formatNumber } from '../text-template';
import type { AngleElement } from '../types';
import type { JXGElement } from '../render/jxg';
import { defineElementType } from './definition';
import { fillAttributes, PALETTE, SAFE_TEXT, strokeAttributes } from './drawing';
import { COORDINATE_LIMIT, POINT, spec, three } from './fields';

/** The angle ABC, drawn as a sector at B, with its measure beside it unless told not to. */
export const angle = defineElementType<AngleElement>({
  type: 'angle',
  spec: spec('angle', ['points'], {
    points: three(POINT),
    showMeasure: { kind: 'boolean' },
    unit: { kind: 'enum', values: ['deg', 'rad'] },
    radius: { kind: 'number', min: Number.MIN_VALUE, max: COORDINATE_LIMIT },
  }),
  build(el, ctx) {
    const [a, b, c] = el.points.map((id) => ctx.obj(id)) as [JXGElement, JXGElement, JXGElement];
    const [xmin, ymax, xmax, ymin] = ctx.bbox;
    const radius = el.radius ?? Math.min(xmax - xmin, ymax - ymin) / 14;
    const object = ctx.board.create('angle', [a, b, c], {
      ...ctx.common(el, false),
      withLabel: false,
      radius,
      ...strokeAttributes(el.style, PALETTE.accent),
      ...fillAttributes(el.style, PALETTE.accent, 0.2),
      fixed: true,
    });
    if (el.showMeasure !== false) {
      const name = el.label !== undefined ? `${pickText(el.label, ctx.locale)} = ` : '';
      const unit = el.unit ?? 'deg';
      const labelAt = (axis: 'x' | 'y'): number => {
        // On the bisector of the angle, just outside its arc.
        const alpha = Math.atan2(a.Y() - b.Y(), a.X() - b.X());
        const mid = alpha + object.Value() / 2;
        const r = radius * 1.7;
        return axis === 'x' ? b.X() + r * Math.cos(mid) : b.Y() + r * Math.sin(mid);
      };
      ctx.board.create(
        'text',
        [
          () => labelAt('x'),
          () => labelAt('y'),
          () => name + (unit === 'deg' ? `${formatNumber((object.Value() * 180) / Math.PI, 1)}°` : formatNumber(object.Value(), 2)),
        ],
        { ...SAFE_TEXT, anchorX: 'middle', anchorY: 'middle', fixed: true, visible: el.visible !== false, strokeColor: el.style?.color ?? PALETTE.accent, tabindex: null },
      );
    }
    return { object, read: () => object.Value() };
  },
});
