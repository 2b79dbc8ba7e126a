import { Worker } from 'node:worker_threads';

type Pending = { resolve: (svg: string) => void; reject: (err: Error) => void };

/** Why a poster could not be drawn: the document did not validate, or drawing failed. */
export class PosterError extends Error {}

/**
 * One worker thread that draws posters, started on first use and stopped with the platform.
 * Requests queue in the worker; the main thread only waits for the answers.
 */
export class PosterPool {
  #worker: Worker | undefined;
  #next = 0;
  readonly #pending = new Map<number, Pending>();

  #start(): Worker {
    const worker = new Worker(new URL(import.meta.resolve('@netpad/platform/poster-worker')));
    worker.unref();
    worker.on('message', (message: { id: number; svg?: string; error?: string }) => {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.svg !== undefined) pending?.resolve(message.svg);
      else pending?.reject(new PosterError(message.error ?? 'the poster could not be drawn'));
    });
    const fail = (err: Error) => {
      // A crashed worker fails what it held; the next request starts a fresh one.
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(err);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the poster worker stopped (exit ${code})`)));
    return worker;
  }

  draw(document: unknown): Promise<string> {
    this.#worker ??= this.#start();
    const id = this.#next++;
    return new Promise<string>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker!.postMessage({ id, document });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
