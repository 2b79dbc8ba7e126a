import type { SliderElement } from '../types';
import { defineElementType } from './definition';
import { PALETTE, strokeAttributes } from './drawing';
import { COORDINATE_LIMIT, coordinate, spec } from './fields';

export const slider = defineElementType<SliderElement>({
  type: 'slider',
  spec: spec('slider', ['min', 'max', 'value'], {
    min: coordinate,
    max: coordinate,
    value: coordinate,
    step: { kind: 'number', min: Number.MIN_VALUE, max: COORDINATE_LIMIT },
    position: { kind: 'position' },
  }),
  rules(el, path, report) {
    const { min, max, value } = el;
    const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    if (!finite(min) || !finite(max)) return;
    if (!(min < max)) report.add(`${path}.max`, 'out_of_range', { value: max, range: `max must be greater than min (${min})`, rangeZh: `max 必须大于 min（${min}）` });
    else if (finite(value) && (value < min || value > max)) report.add(`${path}.value`, 'out_of_range', { value, range: `${min} to ${max}`, rangeZh: `${min} 到 ${max}` });
  },
  build(el, ctx) {
    const [xmin, ymax, xmax, ymin] = ctx.bbox;
    const w = xmax - xmin;
    const h = ymax - ymin;
    const row = ctx.nextSliderRow();
    const pos = el.position ?? [
      [xmin + 0.06 * w, ymax - (0.08 + 0.08 * row) * h],
      [xmin + 0.36 * w, ymax - (0.08 + 0.08 * row) * h],
    ];
    const step = el.step;
    const object = ctx.board.create('slider', [pos[0], pos[1], [el.min, el.value, el.max]], {
      ...ctx.common(el, true, el.id),
      snapWidth: step ?? -1,
      digits: step !== undefined && Number.isInteger(step) ? 0 : 2,
      ...strokeAttributes(el.style, PALETTE.free),
      fillColor: el.style?.color ?? PALETTE.free,
      highlightFillColor: el.style?.color ?? PALETTE.free,
      ...ctx.focusable(ctx.label(el, el.id)),
    });
    return { object, read: () => object.Value() };
  },
  stateKind: () => 'number',
  clampState: (el, v) => Math.min(el.max, Math.max(el.min, v)),
});
