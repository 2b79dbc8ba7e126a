import type { FigureDocument } from '@netpad/figure';
import { categoryIn } from '../model/document';
import type { Draft } from '../input/commands';
import { PICK_ACCEPTS, type ToolDefinition } from './catalogue';

/** Where a click landed: the elements drawn there (points first) and the spot in figure units. */
export interface Hit {
  readonly ids: readonly string[];
  readonly at: readonly [number, number];
}

/** What a click makes happen. */
export type PickOutcome =
  /** Nothing to pick here for this step: the prompt stays. */
  | { readonly kind: 'ignored' }
  /** A point to make first (free, on an object, or a crossing); then `pick` again with it. */
  | { readonly kind: 'make-point'; readonly draft: Draft }
  /** Picked; the tool waits for its next step. */
  | { readonly kind: 'picked'; readonly id: string }
  /** The tool's picks are complete: make this (the tool then starts over, staying selected). */
  | { readonly kind: 'done'; readonly draft: Draft | readonly Draft[] | undefined; readonly picks: readonly string[] };

const TRACKS = new Set(['segment', 'linelike', 'circle', 'arc', 'conic', 'curve', 'function']);

/** Grid points pull a new point in when it lands this close (in figure units). */
const GRID_PULL = 0.2;

/**
 * One tool's progress through its steps. Pure: it reads the document and says what a click
 * makes; the element carries that out (so every step is one undoable edit).
 */
export class ToolSession {
  #picks: string[] = [];
  constructor(
    readonly tool: ToolDefinition,
    private readonly grid: boolean,
    /** The tool's number (sides, degrees, factor) and text as the teacher set them, read when the picks are complete. */
    private readonly parameter: () => number = () => tool.parameter?.value ?? 0,
    private readonly text: () => string = () => tool.textParameter?.value.en ?? '',
    /** The object selected in the list, for tools that act on it (a checkbox's object). */
    private readonly selected: () => string | undefined = () => undefined,
  ) {}

  #at: readonly [number, number] = [0, 0];

  get picks(): readonly string[] {
    return this.#picks;
  }
  /** The step the tool waits for. */
  get step() {
    return this.tool.steps[Math.min(this.#picks.length, this.tool.steps.length - 1)];
  }

  /** Esc: forgets this tool's picks. */
  cancel(): boolean {
    const had = this.#picks.length > 0;
    this.#picks = [];
    return had;
  }

  /**
   * What a click picks, in the order teachers expect: an existing point, else the crossing of
   * two objects there, else a point on the object there, else a new point (on the grid when near).
   */
  pick(doc: FigureDocument, hit: Hit): PickOutcome {
    const step = this.step;
    if (!step) return { kind: 'ignored' };
    // A place (a slider, a text) is pulled onto the grid as new points are.
    this.#at = step.pick === 'place' ? snap(hit.at, this.grid) : hit.at;
    if (step.pick === 'place') return this.finish();
    const category = (id: string) => categoryIn(doc, id);
    const shortcut = this.tool.completesOn;
    if (shortcut && this.#picks.length === 0 && category(hit.ids[0] ?? '') !== 'point') {
      const whole = hit.ids.find((id) => shortcut.accepts.includes(category(id)!));
      if (whole) return { kind: 'done', draft: shortcut.make(whole, this.#context()), picks: [whole] };
    }
    let picked: string | undefined;
    if (step.pick === 'point') {
      picked = hit.ids.find((id) => category(id) === 'point');
      if (!picked) return { kind: 'make-point', draft: pointAt(doc, hit, category, this.grid) };
    } else {
      const accepts = PICK_ACCEPTS[step.pick as Exclude<typeof step.pick, 'place'>];
      picked = hit.ids.find((id) => {
        const c = category(id);
        return c !== undefined && accepts.includes(c) && !this.#picks.includes(id);
      });
      if (!picked) return { kind: 'ignored' };
    }
    return this.accept(picked);
  }

  /** Takes a pick (a point just made, or one found under the pointer). */
  accept(id: string): PickOutcome {
    if (this.tool.closes) {
      if (this.#picks.length >= 3 && id === this.#picks[0]) return this.finish();
      if (this.#picks.includes(id)) return { kind: 'ignored' };
      this.#picks.push(id);
      return { kind: 'picked', id };
    }
    // Two picks of one point make nothing (a segment from A to A).
    if (this.tool.steps[this.#picks.length]?.pick === 'point' && this.#picks.includes(id)) return { kind: 'ignored' };
    this.#picks.push(id);
    if (this.#picks.length < this.tool.steps.length) return { kind: 'picked', id };
    return this.finish();
  }

  #finishPicks(): string[] {
    const picks = this.#picks;
    this.#picks = [];
    return picks;
  }

  private finish(): PickOutcome {
    const picks = this.#finishPicks();
    return { kind: 'done', draft: this.tool.make?.(picks, this.#context()), picks };
  }

  #context() {
    return { parameter: this.parameter(), text: this.text(), at: this.#at, selected: this.selected() };
  }
}

function pointAt(doc: FigureDocument, hit: Hit, category: (id: string) => string | undefined, grid: boolean): Draft {
  const crossing = hit.ids.filter((id) => {
    const c = category(id);
    return c === 'segment' || c === 'linelike' || c === 'circle';
  });
  if (crossing.length >= 2) return { element: { type: 'intersection', of: [crossing[0]!, crossing[1]!] }, nameKind: 'point' };
  const track = hit.ids.find((id) => TRACKS.has(category(id) ?? ''));
  const [x, y] = snap(hit.at, grid && !track);
  if (track) return { element: { type: 'glider', on: track, x, y }, nameKind: 'point' };
  return { element: { type: 'point', x, y }, nameKind: 'point' };
}

const round = (v: number) => Math.round(v * 100) / 100 + 0;

export function snap([x, y]: readonly [number, number], grid: boolean): [number, number] {
  if (grid) {
    const gx = Math.round(x);
    const gy = Math.round(y);
    if (Math.hypot(gx - x, gy - y) <= GRID_PULL) return [gx + 0, gy + 0];
  }
  return [round(x), round(y)];
}
