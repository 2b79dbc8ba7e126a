import { pickText } from '../localize';
import type { CheckboxElement } from '../types';
import type { JXGElement } from '../render/jxg';
import { defineElementType } from './definition';
import { PALETTE, SAFE_TEXT } from './drawing';
import { coordinate, spec } from './fields';

const ANY = {
  accepts: ['point', 'slider', 'segment', 'linelike', 'circle', 'arc', 'conic', 'polygon', 'function', 'curve', 'measure', 'angle', 'text'] as const,
  expected: 'an element',
};

/** Checkboxes keep their tick here: the text object JSXGraph draws for them has none. */
const ticks = new WeakMap<JXGElement, { checked: boolean }>();

/**
 * A box a reader ticks to show, and unticks to hide, the elements it controls (辅助线, a
 * second case of a theorem). Drawn as SVG text (☑/☐ and its words, never HTML); a button-like
 * control for the keyboard (Enter or Space) and for screen readers (role checkbox). Its value
 * is 1 or 0 in expressions and in the figure's state.
 */
export const checkbox = defineElementType<CheckboxElement>({
  type: 'checkbox',
  since: 2,
  spec: spec('measure', ['x', 'y', 'text', 'controls'], {
    x: coordinate,
    y: coordinate,
    text: { kind: 'text' },
    value: { kind: 'boolean' },
    controls: { kind: 'refList', ref: ANY, min: 1, max: 64 },
  }),
  build(el, ctx) {
    const tick = { checked: el.value === true };
    const words = pickText(el.text, ctx.locale);
    const object = ctx.board.create('text', [el.x, el.y, () => `${tick.checked ? '☑' : '☐'} ${words}`], {
      ...SAFE_TEXT,
      id: `np_${el.id}`,
      fixed: true,
      visible: el.visible !== false,
      fontSize: 16,
      strokeColor: el.style?.color ?? PALETTE.text,
      highlightStrokeColor: el.style?.color ?? PALETTE.accent,
      ...ctx.focusable(words),
    });
    ticks.set(object, tick);
    const set = (checked: boolean) => {
      tick.checked = checked;
      ctx.board.update();
    };
    object.Value = () => (tick.checked ? 1 : 0);
    object.setValue = (v: number) => set(v >= 0.5);
    if (ctx.interactive) {
      object.on('down', () => set(!tick.checked));
      object.rendNode?.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key !== 'Enter' && key !== ' ') return;
        event.preventDefault();
        set(!tick.checked);
      });
    }
    ctx.addScaledText(object, 16);
    return { object, read: () => (tick.checked ? 1 : 0) };
  },
  link(el, object, objects) {
    const tick = ticks.get(object)!;
    for (const id of el.controls) {
      const target = objects.get(id);
      if (!target) continue;
      // Shown while ticked, unless the element is hidden of itself.
      const own = target.visProp.visible;
      target.setAttribute({ visible: () => tick.checked && own !== false });
    }
  },
  stateKind: () => 'number',
  clampState: (_el, v) => (v >= 0.5 ? 1 : 0),
  assistive(node, object, name) {
    node.setAttribute('role', 'checkbox');
    node.setAttribute('aria-label', name);
    node.removeAttribute('aria-live');
    return () => node.setAttribute('aria-checked', object.Value() === 1 ? 'true' : 'false');
  },
});
