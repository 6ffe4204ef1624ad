/**
 * The read model's database could not be reached, or the connection broke mid-transaction. Nothing is known to be
 * wrong with the data: the projector retries the same commit, and the compare-and-set makes a repeat harmless.
 */
export class KpiReadModelUnavailableError extends Error {
  override readonly name = 'KpiReadModelUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
