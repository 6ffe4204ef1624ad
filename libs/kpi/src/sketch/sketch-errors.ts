/**
 * A removal asked for more observations than the sketch holds in that value's bucket. Removals mirror earlier
 * additions, so this is a bug upstream (a fact removed twice, or never added); it is raised, never absorbed.
 */
export class AbsentObservationError extends Error {
  override readonly name = 'AbsentObservationError';

  constructor(
    readonly value: number,
    readonly times: number,
    /** What the value's bucket held. */
    readonly held: number,
  ) {
    super(`cannot remove ${times} observation(s) of ${value}: the sketch holds ${held} in its bucket`);
  }
}

/** A persisted sketch that does not decode: wrong shape, wrong version, or cut for another relative accuracy. */
export class MalformedSketchJsonError extends Error {
  override readonly name = 'MalformedSketchJsonError';

  constructor(reason: string) {
    super(`malformed quantile sketch JSON: ${reason}`);
  }
}
