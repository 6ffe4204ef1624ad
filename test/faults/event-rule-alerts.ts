import { type EventAlert, eventAlertId, redToGreenReroute, significantSeizure } from '@customs-pulse/alerts';
import type { RecordedEvent } from '@customs-pulse/event-store';

/** An event-rule alert as its `AlertRaised` carries it, without what depends on the run (time, positions). */
export interface EventRuleAlert extends EventAlert {
  readonly id: string;
  /** The `(source, id)` of the event it fired on. */
  readonly trigger: string;
}

/**
 * The event-rule alerts a clean run raises over a log: the rules applied to each stored event once, in log order,
 * with a rerouted declaration's office as its facts know it by then (the lodgement's, else the arrival's).
 */
export function eventRuleAlertsOfCleanRun(log: readonly RecordedEvent[], seizureAlertValue: number): EventRuleAlert[] {
  const lodgedAt = new Map<string, string>();
  const arrivedAt = new Map<string, string>();
  const alerts: EventRuleAlert[] = [];
  for (const event of log) {
    const office = event.data['officeId'];
    if (typeof office === 'string' && event.type === 'DeclarationLodged' && !lodgedAt.has(event.subject)) lodgedAt.set(event.subject, office);
    if (typeof office === 'string' && event.type === 'GoodsArrived' && !arrivedAt.has(event.subject)) arrivedAt.set(event.subject, office);
    const alert = redToGreenReroute(event, lodgedAt.get(event.subject) ?? arrivedAt.get(event.subject) ?? null) ?? significantSeizure(event, seizureAlertValue);
    if (alert !== null) alerts.push({ id: eventAlertId(alert.rule, event), trigger: `${event.source} ${event.id}`, ...alert });
  }
  return alerts;
}

/** The event-rule alerts raised in a log, one entry per `AlertRaised` (a second raise of an id would show twice). */
export function raisedEventRuleAlerts(log: readonly RecordedEvent[]): EventRuleAlert[] {
  return log
    .filter(({ type, data }) => type === 'AlertRaised' && data['rule'] !== 'kpi_threshold')
    .map(({ subject, data }) => {
      const trigger = data['trigger'] as { readonly source: string; readonly id: string };
      return {
        id: subject,
        trigger: `${trigger.source} ${trigger.id}`,
        rule: data['rule'] as EventAlert['rule'],
        severity: data['severity'] as EventAlert['severity'],
        filters: data['filters'] as EventAlert['filters'],
        value: data['value'] as number | null,
        threshold: data['threshold'] as number | null,
        details: data['details'] as EventAlert['details'],
      };
    });
}
