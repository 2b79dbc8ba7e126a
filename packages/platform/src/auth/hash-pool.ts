/**
 * Password hashing (scrypt) runs on libuv's small thread pool, which also reads files for every
 * static answer: a burst of sign-ins must not take all of it. At most `concurrency` hashes run at
 * once; up to `queue` more wait their turn; beyond that a sign-in is told to come back shortly.
 */
export class BusyError extends Error {
  constructor() {
    super('Too many sign-ins at once; try again in a moment');
  }
}

export class HashPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly concurrency = 2,
    private readonly queue = 64,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new BusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line; otherwise it is freed.
      if (next) next();
      else this.running--;
    }
  }
}
