import { pickText } from '../localize';
import { formatNumber, parseTemplate } from '../text-template';
import type { TextElement } from '../types';
import { ID_PREFIX } from './ids';
import { defineElementType } from './definition';
import { PALETTE, SAFE_TEXT } from './drawing';
import { numexpr, spec } from './fields';

/** Plain text with live `{expression}` parts, scaled with the board. */
export const text = defineElementType<TextElement>({
  type: 'text',
  spec: spec('text', ['x', 'y', 'text'], { x: numexpr, y: numexpr, text: { kind: 'template' }, fontSize: { kind: 'number', min: 8, max: 48 } }),
  build(el, ctx) {
    const template = pickText(el.text, ctx.locale);
    const parts = parseTemplate(template).map((part) =>
      part.kind === 'literal' ? () => part.text : ((value: () => number) => () => formatNumber(value(), part.decimals))(ctx.compiled(part.source).bindNumber(ctx.scope)),
    );
    const fontSize = el.fontSize ?? 16;
    const object = ctx.board.create('text', [ctx.coord(el.x), ctx.coord(el.y), () => parts.map((p) => p()).join('')], {
      ...SAFE_TEXT,
      id: `${ID_PREFIX}${el.id}`,
      fixed: true,
      visible: el.visible !== false,
      fontSize,
      strokeColor: el.style?.color ?? PALETTE.text,
      highlightStrokeColor: el.style?.color ?? PALETTE.text,
      tabindex: null,
    });
    ctx.addScaledText(object, fontSize);
    return { object, read: () => ({ kind: 'opaque', type: 'text' }) };
  },
});
