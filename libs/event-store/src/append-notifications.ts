/**
 * Wakes live subscriptions when the log grows. A waiter passes the generation it saw before it last read, so an
 * append that lands between that read and the wait is never slept through.
 */
export class AppendNotifications {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  /** The current generation: read it before reading the log. */
  get seen(): number {
    return this.generation;
  }

  /** Called after a commit (in this process) or when another process reports one. */
  notify(): void {
    this.generation += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves on the next append after generation `seen`, after `timeoutMs` (a poll), or when `signal` aborts. */
  wait(seen: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
