import { type SeizureCategory, type SeizureRecordedData } from '@customs-pulse/domain';

import { type EventAlert, type RuledEvent } from './event-alert.js';

/** Categories whose every seizure raises an alert, whatever its value (kpis.md). */
export const ALERTING_SEIZURE_CATEGORIES: readonly SeizureCategory[] = ['WEAPONS', 'DRUGS'];

/** Why a seizure raised an alert: its category, its value above `SEIZURE_ALERT_VALUE`, or both. */
export type SeizureAlertReason = 'category' | 'value';

/**
 * A `SeizureRecorded` of WEAPONS or DRUGS, or with `estimatedValue` strictly above `seizureAlertValue`. Raised at
 * `critical`: a seizure is an event to act on now, not a trend to watch.
 */
export function significantSeizure(event: RuledEvent, seizureAlertValue: number): EventAlert | null {
  if (event.type !== 'SeizureRecorded') return null;
  const data = event.data as SeizureRecordedData;
  const reasons: SeizureAlertReason[] = [];
  if (ALERTING_SEIZURE_CATEGORIES.includes(data.category)) reasons.push('category');
  if (data.estimatedValue > seizureAlertValue) reasons.push('value');
  if (reasons.length === 0) return null;
  return {
    rule: 'significant_seizure',
    severity: 'critical',
    filters: { office: data.officeId },
    value: data.estimatedValue,
    threshold: reasons.includes('value') ? seizureAlertValue : null,
    details: {
      caseId: event.subject,
      category: data.category,
      detectionMethod: data.detectionMethod,
      quantity: data.quantity,
      unit: data.unit,
      ...(data.declarationId === undefined ? {} : { declarationId: data.declarationId }),
      reasons,
    },
  };
}
