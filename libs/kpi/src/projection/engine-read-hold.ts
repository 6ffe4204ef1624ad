/**
 * Keeps the live projector from applying events while a read of its engine gives the event loop turns (a report's
 * scan of every declaration, architecture.md guarantee 7): the projector folds events into the engine in place, so a
 * read that spans turns would otherwise mix states of several positions and not match the `position` it reports.
 * Reads that hold together overlap; the projector waits until the last one ends, and only between two events.
 */
export class EngineReadHold {
  private holders = 0;
  private release: { readonly ended: Promise<void>; readonly end: () => void } | null = null;

  /** Runs `read`, the projector applying nothing until it settles. */
  async during<T>(read: () => Promise<T>): Promise<T> {
    if (this.holders === 0) {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      this.release = { ended, end };
    }
    this.holders += 1;
    try {
      return await read();
    } finally {
      this.holders -= 1;
      if (this.holders === 0) {
        this.release?.end();
        this.release = null;
      }
    }
  }

  /** Resolves once no read holds the engine, reads that began while others held it included. */
  async allEnded(): Promise<void> {
    for (let held = this.released; held !== null; held = this.released) await held;
  }

  /** Resolves when no read holds the engine; null when none does now, so the projector awaits nothing. */
  get released(): Promise<void> | null {
    return this.release?.ended ?? null;
  }
}
