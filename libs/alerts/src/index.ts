/**
 * @customs-pulse/alerts: the alert lifecycle of kpis.md ("Alerts"). Threshold and event rules (pure), the alert state
 * folded from the `Alert*` and `KpiThresholdChanged` events of the store, the observer that runs the rules on each
 * batch the live KPI projection commits (the judge), the one that only delivers what the judge stored (a gateway's), and the NestJS module with the endpoints of api.md.
 */
export { AlertsModule, type AlertsModuleOptions } from './api/alerts.module.js';
export * from './lifecycle/alert-notice.js';
export { AcknowledgeAlertCommand } from './api/commands/acknowledge-alert.command.js';
export { ChangeKpiThresholdsCommand, type KpiThresholdsChange } from './api/commands/change-kpi-thresholds.command.js';
export { ListAlertsQuery } from './api/queries/list-alerts.query.js';

export { type AlertRuleSettings, DEFAULT_ALERT_RULE_SETTINGS } from './rules/alert-rule-settings.js';
export { isBeyond, severityOf } from './rules/severity.js';
export { type KeepReason, type ThresholdCase, type ThresholdVerdict, judgeKpiThreshold } from './rules/kpi-threshold.rule.js';
export { type EventAlert, type EventRuleId, type RuledEvent } from './rules/event-alert.js';
export { redToGreenReroute } from './rules/red-to-green-reroute.rule.js';
export { ALERTING_SEIZURE_CATEGORIES, type SeizureAlertReason, significantSeizure } from './rules/significant-seizure.rule.js';
export { type ThresholdCheck, type ThresholdProblem, checkThresholdChange } from './rules/threshold-change-rules.js';

export * from './events/alert-event-data.js';
export { type AlertStep, alertEventId, eventAlertId, thresholdAlertId, thresholdChangeId } from './events/alert-ids.js';
export { alertAcknowledged, alertEscalated, alertRaised, alertResolved, kpiThresholdChanged } from './events/alert-events.js';
export { AlertLedger, type AlertLedgerChange, type AlertLedgerEvent, type AlertLedgerView } from './ledger/alert-ledger.js';
export { type ObservedBatch, type ObservedEvent, type SliceReading } from './evaluation/observed-batch.js';
export { planAlertEvents } from './evaluation/plan-alert-events.js';

export { type AlertPublisher, SILENT_ALERT_PUBLISHER } from './journal/alert-publisher.port.js';
export { AlertJournal, type AlertJournalOptions, type AlertJournalTurn, type RecordOutcome } from './journal/alert-journal.js';
export { AlertRulesObserver, type AlertRulesObserverOptions } from './observer/alert-rules-observer.js';
export { AlertDeliveryObserver } from './observer/alert-delivery-observer.js';
export { ALERT_RULES_METRICS, type AlertRulesMetrics, SILENT_ALERT_RULES_METRICS } from './observer/alert-rules-metrics.port.js';
export { AlertRulesReadiness, type AlertRulesStatus } from './api/health/alert-rules-readiness.js';
export { PROMETHEUS_ALERT_RULES_METRICS, PrometheusAlertRulesMetrics } from './api/metrics/prometheus-alert-rules-metrics.js';
export { type JudgedSlice, JudgedSlices, type SliceSource } from './observer/judged-slices.js';
export { AlertNotOpenError, ConcurrentAlertChangeError, InvalidThresholdsError, UnknownAlertError } from './lifecycle/alert-errors.js';
export { type JudgeCheckpoint, type JudgeCheckpointStore, JudgeCheckpointUnavailableError } from './checkpoint/judge-checkpoint.port.js';
