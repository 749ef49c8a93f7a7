// Hands what a producer puts by index, in any order, to one reader in index order (the
// pool finishes submissions in any order; a stream of them is read sorted). What
// arrives ahead of the next index waits here; a put of the next index itself resolves
// only once the reader has taken it and asked for more, so a slow reader holds the
// producer back and memory stays bounded. A reader that stops early makes `put` throw
// Stopped, so the producer ends instead of filling a queue nobody reads.

/** The reader went away: the producer should stop. */
export class Stopped extends Error {
  constructor() {
    super('the reader stopped');
  }
}

export class InOrder<T> implements AsyncIterable<T> {
  private readonly ahead = new Map<number, T>();
  /** Producers waiting for the reader to take their item (by index). */
  private readonly taken = new Map<number, () => void>();
  private next = 0;
  private wake: (() => void) | null = null;
  private ended: { error?: unknown } | null = null;
  private stopped = false;

  /**
   * Puts item `index`; resolves at once when it is ahead of the reader, else when the reader has done with it.
   * @example await inOrder.put(0, item)
   */
  async put(index: number, item: T): Promise<void> {
    if (this.stopped) throw new Stopped();
    this.ahead.set(index, item);
    this.wakeReader();
    if (index === this.next) await new Promise<void>((resolve) => this.taken.set(index, resolve));
    if (this.stopped) throw new Stopped();
  }

  /** No more items (or the producer failed: the reader gets `error` after the items it has). */
  end(error?: unknown): void {
    this.ended = error === undefined ? {} : { error };
    this.wakeReader();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    try {
      for (;;) {
        if (this.ahead.has(this.next)) {
          const index = this.next++;
          const item = this.ahead.get(index)!;
          this.ahead.delete(index);
          yield item;
          this.release(index);
          continue;
        }
        if (this.ended) {
          if ('error' in this.ended) throw this.ended.error;
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.stopped = true;
      for (const index of [...this.taken.keys()]) this.release(index);
      this.ahead.clear();
    }
  }

  private release(index: number): void {
    this.taken.get(index)?.();
    this.taken.delete(index);
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
