import type { FigureDocument, FigureElement } from '@netpad/figure';
import type { Draft } from '../input/commands';
import { checked } from '../model/document';
import { EditRefusedError } from '../model/errors';
import type { ToolContext, ToolDefinition } from './catalogue';

/** The free point that stands for the pointer in a ghost: where the tool's last point would go. */
export const CURSOR_ID = 'np_cursor';
const ghostId = (i: number) => `np_ghost${i}`;

/**
 * Whether a tool's result can be drawn as the pointer moves: its last step picks or places a point
 * (the pointer stands in for it), the steps before are done, and it draws no shape preview of its own.
 */
export function ghostable(tool: ToolDefinition, picks: readonly string[]): boolean {
  const last = tool.steps[tool.steps.length - 1];
  return !!tool.make && !tool.preview && !tool.closes && last?.pick === 'point' && picks.length === tool.steps.length - 1;
}

/**
 * What the tool would make if the pointer were its last point: the document with every object
 * hidden (they are drawn on the board beneath), a hidden point at the pointer, and the tool's
 * objects on it. Undefined when the format refuses them (the pointer where no result exists).
 */
export function ghostDocument(doc: FigureDocument, tool: ToolDefinition, picks: readonly string[], context: ToolContext): FigureDocument | undefined {
  if (!ghostable(tool, picks)) return undefined;
  const made = tool.make!([...picks, CURSOR_ID], context);
  const drafts: readonly Draft[] = Array.isArray(made) ? made : [made as Draft];
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\$(\d+)/g, (whole, i: string) => (Number(i) < drafts.length ? ghostId(Number(i)) : whole));
    if (Array.isArray(v)) return v.map(resolve);
    return v;
  };
  const ghosts = drafts.map((d, i) => Object.fromEntries([['id', ghostId(i)], ...Object.entries(d.element).map(([k, v]) => [k, resolve(v)])]) as unknown as FigureElement);
  const [x, y] = context.at;
  const cursor = { id: CURSOR_ID, type: 'point', x, y, visible: false } as FigureElement;
  try {
    const { state: _state, ...rest } = doc;
    return checked({ ...rest, elements: [...doc.elements.map((e) => ({ ...e, visible: false }) as FigureElement), cursor, ...ghosts] });
  } catch (err) {
    if (err instanceof EditRefusedError) return undefined;
    throw err;
  }
}
