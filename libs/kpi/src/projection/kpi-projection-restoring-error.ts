/** The live read model did not load and is being rebuilt: no KPI can be answered until it is (503, Retry-After). */
export class KpiProjectionRestoringError extends Error {
  override readonly name = 'KpiProjectionRestoringError';

  constructor(readonly reason: string) {
    super(`the KPI read model is being rebuilt, because it did not load (${reason}); retry later`);
  }
}
