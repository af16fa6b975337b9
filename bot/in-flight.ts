/**
 * The turns a server is still working on, so that a stop can wait for them. A turn counts from the
 * moment its request is taken (it may wait behind its conversation's previous turn) until its
 * promise settles, whatever the client does meanwhile: a client that hangs up does not end the
 * turn, and the store must not close under it.
 *
 *   const turns = new InFlight();
 *   await turns.track(adapter.process(req, res, logic));
 *   await turns.idle(); // resolves when none is left
 */
export class InFlight {
  private count = 0;
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;

  get size(): number {
    return this.count;
  }

  async track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work;
    } finally {
      this.count--;
      if (this.count === 0 && this.waiting) {
        this.waiting.resolve();
        this.waiting = undefined;
      }
    }
  }

  /** Resolves when nothing is in flight; every caller gets the same moment. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    if (!this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }
}
