import type { FigureElement, FigureState } from '../types';
import { JXG, type JXGBoard, type JXGElement } from './jxg';
import { elementTypeDefinition } from '../element-types/catalogue';

export interface StatefulElement {
  readonly kind: 'number' | 'point';
  /** Gliders are placed after everything else, once the objects they slide on have moved. */
  readonly glider: boolean;
  read(): number | [number, number];
  write(value: unknown): void;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** -0 and 0 are the same position; a saved state should not tell them apart. */
const noNegativeZero = (v: number): number => (v === 0 ? 0 : v);

/** Sliders, free points and gliders: what a reader can change, and so what a state holds. */
export function statefulElements(elements: readonly FigureElement[], objects: ReadonlyMap<string, JXGElement>): Map<string, StatefulElement> {
  const out = new Map<string, StatefulElement>();
  for (const el of elements) {
    const o = objects.get(el.id);
    const def = elementTypeDefinition(el.type);
    const kind = def?.stateKind?.(el as unknown as Record<string, unknown>);
    if (!o || !def || !kind) continue;
    if (kind === 'number') {
      out.set(el.id, {
        kind,
        glider: false,
        read: () => noNegativeZero(o.Value()),
        write: (v) => {
          if (finite(v)) o.setValue!(def.clampState ? def.clampState(el, v) : v);
        },
      });
    } else {
      out.set(el.id, {
        kind,
        glider: def.stateAfterOthers === true,
        read: () => [noNegativeZero(o.X()), noNegativeZero(o.Y())],
        write: (v) => {
          // A glider is projected back onto its track by the board's next update.
          if (Array.isArray(v) && finite(v[0]) && finite(v[1])) o.setPosition(JXG.COORDS_BY_USER, [v[0], v[1]]);
        },
      });
    }
  }
  return out;
}

/** Whether two states (of one figure: the same ids) hold the same values. */
export function sameState(a: FigureState, b: FigureState): boolean {
  for (const id in a) {
    const x = a[id];
    const y = b[id];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x[0] !== y[0] || x[1] !== y[1]) return false;
  }
  return true;
}

export function readState(stateful: ReadonlyMap<string, StatefulElement>): FigureState {
  const state: FigureState = {};
  for (const [id, s] of stateful) state[id] = s.read();
  return state;
}

/**
 * Writes a state in two passes: sliders and free points first, then (after the board has
 * moved the lines and curves they define) gliders, which are projected onto their new track.
 * The board is updated after each pass, twice in all: at the start this is what also shows
 * curves that come from updateDataArray (JSXGraph decides their visibility before it asks for
 * their data).
 */
export function applyState(stateful: ReadonlyMap<string, StatefulElement>, state: FigureState, board: JXGBoard): void {
  const entries = Object.entries(state).filter(([id]) => stateful.has(id));
  for (const [id, value] of entries) if (!stateful.get(id)!.glider) stateful.get(id)!.write(value);
  board.update();
  for (const [id, value] of entries) if (stateful.get(id)!.glider) stateful.get(id)!.write(value);
  board.update();
}

/**
 * A change to a live figure (setValue, setState, reset): the same two passes, but a board update
 * only where one is needed, so that one slider costs one redraw, as in bare JSXGraph. (A glider
 * follows a track that moved in the same update: JSXGraph projects it as it updates.)
 */
export function applyChange(stateful: ReadonlyMap<string, StatefulElement>, state: FigureState, board: JXGBoard): void {
  let others = false;
  let gliders = false;
  for (const id in state) {
    const s = stateful.get(id);
    if (!s) continue;
    if (s.glider) gliders = true;
    else {
      s.write(state[id]);
      others = true;
    }
  }
  if (others && gliders) board.update();
  if (gliders) for (const id in state) if (stateful.get(id)?.glider) stateful.get(id)!.write(state[id]);
  if (others || gliders) board.update();
}
