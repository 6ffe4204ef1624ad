/**
 * A read model generation holds what does not load: a corrupted row or file, or a form this build cannot read. Unlike
 * {@link KpiReadModelUnavailableError}, retrying cannot help: the projection rebuilds into a fresh generation.
 */
export class KpiReadModelUnloadableError extends Error {
  override readonly name = 'KpiReadModelUnloadableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
