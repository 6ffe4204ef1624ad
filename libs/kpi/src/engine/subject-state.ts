/**
 * What the engine keeps of one subject (a declaration or an enforcement case): its facts, which it folds events into
 * in place, and whether they changed since they were last drained for persistence. The flag, rather than a set of
 * subjects, spares a hash lookup per event.
 */
export class SubjectState<F> {
  private dirty = false;

  constructor(
    readonly subject: string,
    readonly facts: F,
  ) {}

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
