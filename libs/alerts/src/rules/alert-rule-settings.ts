/** The configurable parts of the alert rules (kpis.md, "Alerts"). */
export interface AlertRuleSettings {
  /**
   * `ALERT_MIN_OBSERVATIONS`: the fewest observations (`n`) a current value needs before a threshold rule judges it,
   * to raise, escalate or resolve.
   * @defaultValue 20
   */
  readonly minObservations: number;
  /**
   * `SEIZURE_ALERT_VALUE`: a seizure whose `estimatedValue` is above it (strictly) raises an alert whatever its
   * category, in the reporting currency.
   * @defaultValue 100000
   */
  readonly seizureAlertValue: number;
}

/** The settings kpis.md gives when nothing is configured. */
export const DEFAULT_ALERT_RULE_SETTINGS: AlertRuleSettings = { minObservations: 20, seizureAlertValue: 100_000 };
