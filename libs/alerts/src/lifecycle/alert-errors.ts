import { type AlertNotice } from './alert-notice.js';

import { type ThresholdProblem } from '../rules/threshold-change-rules.js';

/** No alert has this id: answered 404. */
export class UnknownAlertError extends Error {
  override readonly name = 'UnknownAlertError';

  constructor(readonly alertId: string) {
    super(`there is no alert ${JSON.stringify(alertId)}; GET /api/alerts lists them`);
  }
}

/**
 * Only an open alert can be acknowledged: an acknowledged one already was (once is the record auditors read), and a
 * resolved one is over. Answered 409.
 */
export class AlertNotOpenError extends Error {
  override readonly name = 'AlertNotOpenError';

  constructor(readonly alert: AlertNotice) {
    super(
      alert.status === 'resolved'
        ? `alert ${alert.id} was resolved at ${alert.resolvedAt}; only an open alert can be acknowledged`
        : `alert ${alert.id} was already acknowledged at ${alert.acknowledgedAt}${alert.acknowledgedBy === null ? '' : ` by ${alert.acknowledgedBy}`}`,
    );
  }
}

/** Another node recorded a different change under the same event id first: answered 409, to be retried. */
export class ConcurrentAlertChangeError extends Error {
  override readonly name = 'ConcurrentAlertChangeError';

  constructor(what: string) {
    super(`${what} was changed concurrently; read it again and retry`);
  }
}

/** A threshold change that breaks the rules of `checkThresholdChange`: answered 400 with each problem. */
export class InvalidThresholdsError extends Error {
  override readonly name = 'InvalidThresholdsError';

  constructor(readonly problems: readonly ThresholdProblem[]) {
    super(problems.map(({ path, message }) => `${path} ${message}`).join('; '));
  }
}
