/** A persisted bucket that does not decode. */
export class MalformedBucketJsonError extends Error {
  override readonly name = 'MalformedBucketJsonError';

  constructor(reason: string) {
    super(`malformed KPI bucket JSON: ${reason}`);
  }
}
