/**
 * What the engine keeps of one subject (a declaration or an enforcement case): its facts, which it folds events into
 * in place, whether they changed since they were last drained for persistence, and what decides whether it stays in
 * memory (held-subjects.ts). The flag, rather than a set of subjects, spares a hash lookup per event.
 */
export class SubjectState<F> {
  private dirty = false;
  /** The latest event time applied to the subject, epoch milliseconds. */
  lastEventAt: number;
  /** When the engine last applied an event of it, in the engine's own count of applied events: recency for the cache. */
  touchedAt = 0;

  constructor(
    readonly subject: string,
    readonly facts: F,
    lastEventAt = Number.NEGATIVE_INFINITY,
  ) {
    this.lastEventAt = lastEventAt;
  }

  /** Whether the facts changed since they were last drained: such a subject is not persisted yet. */
  get isDirty(): boolean {
    return this.dirty;
  }

  /** Marks the facts as changed. @returns whether they were unchanged before, i.e. are to be listed as dirty now. */
  touch(): boolean {
    if (this.dirty) return false;
    this.dirty = true;
    return true;
  }

  /** Marks the facts as persisted. @returns this, to be serialized. */
  drained(): this {
    this.dirty = false;
    return this;
  }
}
