/** What the audit suite stores and how it verifies it (issue 8: verify rate on 1,000,000 stored events). */
export interface AuditWorkload {
  /** Events stored before verifying: the whole log is walked each run. */
  readonly logEvents: number;
  /** Events per `appendMany` while filling the log (not timed). */
  readonly fillBatch: number;
  /** Events per page read by the verifier (its default) and by the plain scan. */
  readonly pageSize: number;
  /** Timed runs of each measurement; the report quotes their median. */
  readonly repeats: number;
}

export const AUDIT_WORKLOAD: AuditWorkload = {
  logEvents: 1_000_000,
  fillBatch: 1_000,
  pageSize: 1_000,
  repeats: 3,
};
