import { type FactoryProvider } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { METRIC_PREFIX, METRICS_REGISTRY } from '@customs-pulse/http';

import { ALERT_RULES_METRICS, type AlertRulesMetrics } from '../../observer/alert-rules-metrics.port.js';

/** libs/alerts' `AlertRulesMetrics` port on prom-client. */
export class PrometheusAlertRulesMetrics implements AlertRulesMetrics {
  private readonly failedAttempts: Counter;
  private readonly consecutiveFailures: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.failedAttempts = new Counter({
      name: `${METRIC_PREFIX}alert_rules_failed_attempts_total`,
      help: 'Attempts of the alert judge to judge a committed KPI batch that failed (store outages retried, other errors judged again with the next batch)',
      registers,
    });
    this.consecutiveFailures = new Gauge({
      name: `${METRIC_PREFIX}alert_rules_consecutive_failures`,
      help: 'Failed attempts in a row of the alert judge; 0 while it works',
      registers,
    });
  }

  judgeFailures(consecutive: number): void {
    if (consecutive > 0) this.failedAttempts.inc();
    this.consecutiveFailures.set(consecutive);
  }
}

/** Binds `ALERT_RULES_METRICS` to prom-client in the app's registry: for `MetricsModule.forRoot({ adapters })`. */
export const PROMETHEUS_ALERT_RULES_METRICS: FactoryProvider<AlertRulesMetrics> = {
  provide: ALERT_RULES_METRICS,
  inject: [METRICS_REGISTRY],
  useFactory: (registry: Registry) => new PrometheusAlertRulesMetrics(registry),
};
