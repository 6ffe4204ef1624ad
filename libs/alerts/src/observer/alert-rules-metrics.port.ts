/** Dependency-injection token for the {@link AlertRulesMetrics} port. */
export const ALERT_RULES_METRICS = Symbol('AlertRulesMetrics');

/**
 * Where the alert judge reports its failures for operations (`GET /metrics`). Called on the projection's commit path:
 * an adapter must never throw or wait.
 */
export interface AlertRulesMetrics {
  /**
   * An attempt to judge a batch failed, the `consecutive`-th in a row (a store outage, retried, or an error that is
   * not, judged again with the next batch); 0 when a batch was judged again after failures.
   */
  judgeFailures(consecutive: number): void;
}

/** Reports nothing: for an app or a test that exposes no metrics. */
export const SILENT_ALERT_RULES_METRICS: AlertRulesMetrics = { judgeFailures: () => undefined };
