/**
 * Merges the single-id lookups made during one task into batch requests of at most `size` ids:
 * a page whose hundred figures each ask "may I?" sends two requests, not a hundred.
 */
export class Batcher<V> {
  private queue = new Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;
  private readonly run: (ids: string[]) => Promise<Record<string, V | undefined>>;
  private readonly size: number;

  constructor(run: (ids: string[]) => Promise<Record<string, V | undefined>>, size: number) {
    this.run = run;
    this.size = size;
  }

  get(id: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.queue.get(id) ?? [];
      waiting.push({ resolve, reject });
      this.queue.set(id, waiting);
      if (!this.scheduled) {
        this.scheduled = true;
        // A macrotask: everything the current task (and its microtasks) asks for goes together.
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = new Map();
    const ids = [...queue.keys()];
    for (let i = 0; i < ids.length; i += this.size) {
      const chunk = ids.slice(i, i + this.size);
      this.run(chunk).then(
        (result) => chunk.forEach((id) => queue.get(id)!.forEach((w) => w.resolve(result[id]))),
        (err: unknown) => chunk.forEach((id) => queue.get(id)!.forEach((w) => w.reject(err))),
      );
    }
  }
}
