import type { FigureDocument } from '@netpad/figure';

export interface HistoryEntry {
  readonly document: FigureDocument;
  /** What the step did, for people: "Segment a", "Move A". */
  readonly label: string;
}

/**
 * Undo and redo over whole documents. Documents are small and never mutated, so a step is a
 * snapshot: undo can never "half" undo, and what redo brings back is exactly what was there.
 */
export class History {
  #past: HistoryEntry[] = [];
  #present: HistoryEntry;
  #future: HistoryEntry[] = [];
  readonly #limit: number;

  constructor(document: FigureDocument, { limit = 500 }: { limit?: number } = {}) {
    this.#present = { document, label: '' };
    this.#limit = limit;
  }

  get document(): FigureDocument {
    return this.#present.document;
  }
  get canUndo(): boolean {
    return this.#past.length > 0;
  }
  get canRedo(): boolean {
    return this.#future.length > 0;
  }
  /** The label of the step undo would take back. */
  get undoLabel(): string | undefined {
    return this.#past.length ? this.#present.label : undefined;
  }
  get redoLabel(): string | undefined {
    return this.#future[this.#future.length - 1]?.label;
  }

  /** A new step; whatever could be redone is gone, as in every editor. */
  push(document: FigureDocument, label: string): void {
    if (document === this.#present.document) return;
    this.#past.push(this.#present);
    if (this.#past.length > this.#limit) this.#past.shift();
    this.#present = { document, label };
    this.#future = [];
  }

  undo(): HistoryEntry | undefined {
    const previous = this.#past.pop();
    if (!previous) return undefined;
    this.#future.push(this.#present);
    const undone = this.#present;
    this.#present = previous;
    return undone;
  }

  redo(): HistoryEntry | undefined {
    const next = this.#future.pop();
    if (!next) return undefined;
    this.#past.push(this.#present);
    this.#present = next;
    return next;
  }

  /** Starts over from a document (a new one was opened): no undo across documents. */
  reset(document: FigureDocument): void {
    this.#past = [];
    this.#future = [];
    this.#present = { document, label: '' };
  }
}
