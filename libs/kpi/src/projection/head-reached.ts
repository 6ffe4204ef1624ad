/**
 * Readiness of a projection (a projector or a mirror): whether its position has reached the log's head as it was at
 * its start. Nobody may await it, so its rejection is never an unhandled one.
 */
export class HeadReached {
  /** Resolves once reached; rejects with {@link HeadReached.fail}'s reason if that comes first. */
  readonly promise: Promise<void>;
  private target = Number.POSITIVE_INFINITY;
  private reached = false;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.promise.catch(() => undefined);
  }

  get isReached(): boolean {
    return this.reached;
  }

  /** The head to reach, read at the start. */
  aimAt(head: number): void {
    this.target = head;
  }

  /** Whether `position` is at or past the head aimed at (before {@link HeadReached.check} says so to the waiting). */
  isReachedBy(position: number): boolean {
    return position >= this.target;
  }

  /** Resolves the promise when `position` reaches the head aimed at. */
  check(position: number): void {
    if (this.reached || !this.isReachedBy(position)) return;
    this.reached = true;
    this.settle.resolve();
  }

  /** Rejects the promise, unless reached already. */
  fail(error: unknown): void {
    this.settle.reject(error);
  }
}
