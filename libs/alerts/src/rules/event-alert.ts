import { type AlertSeverity } from '../lifecycle/alert-notice.js';

/** A stored producer event as the event rules read it. */
export interface RuledEvent {
  readonly type: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The event rules (kpis.md, "Alerts"): each fires on one event. */
export type EventRuleId = 'red_to_green_reroute' | 'significant_seizure';

/** What an event rule raises for the event it fired on. */
export interface EventAlert {
  readonly rule: EventRuleId;
  readonly severity: AlertSeverity;
  /** `{office}` where the office is known, else `{}`. */
  readonly filters: Readonly<Record<string, string>>;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly details: Readonly<Record<string, unknown>>;
}
