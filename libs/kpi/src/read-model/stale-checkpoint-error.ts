/**
 * A read model commit expected a checkpoint the store no longer holds: another projector moved it. The writer's
 * state is not the stored one any more, so retrying cannot help; it must reload.
 */
export class StaleCheckpointError extends Error {
  override readonly name = 'StaleCheckpointError';

  constructor(
    readonly expectedCheckpoint: number,
    readonly actualCheckpoint: number,
  ) {
    super(
      `read model checkpoint is ${actualCheckpoint}, not the expected ${expectedCheckpoint}: another projector moved it`,
    );
  }
}

/** Refuses a commit that would not move the checkpoint forward: a projector bug, never a race. */
export function assertCheckpointAdvances(expectedCheckpoint: number, checkpoint: number): void {
  if (!Number.isSafeInteger(checkpoint) || checkpoint <= expectedCheckpoint) {
    throw new RangeError(`a commit must move the checkpoint forward: ${expectedCheckpoint} -> ${checkpoint}`);
  }
}
