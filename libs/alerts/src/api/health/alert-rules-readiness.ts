import { type ReadinessCheck } from '@customs-pulse/http';

import { type AlertRulesObserver } from '../../observer/alert-rules-observer.js';

/** What `GET /health/ready` shows of the alert judge under `alertRules`. */
export type AlertRulesStatus = {
  readonly ready: boolean;
  /** Whether its last attempt to judge a batch failed; `error` says why. */
  readonly failing: boolean;
  /** Failed attempts in a row; 0 while it works. */
  readonly consecutiveFailures: number;
  readonly error?: string;
};

/**
 * `GET /health/ready`'s view of the alert judge (architecture.md, guarantee 8): not ready while its last attempt
 * failed, an outage it retries or an error it leaves to the next batch, so a judge that cannot judge never looks
 * healthy while the KPIs go on.
 */
export class AlertRulesReadiness implements ReadinessCheck {
  readonly name = 'alertRules';

  constructor(private readonly judge: Pick<AlertRulesObserver, 'failure'>) {}

  check(): AlertRulesStatus {
    const failure = this.judge.failure;
    if (failure === null) return { ready: true, failing: false, consecutiveFailures: 0 };
    return { ready: false, failing: true, consecutiveFailures: failure.consecutive, error: failure.error };
  }
}
