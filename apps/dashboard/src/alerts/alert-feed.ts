import type { ApiClient } from '../api/api-client.js';
import type { Alert, KpiDefinition } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatKpiValue } from '../tiles/kpi-format.js';

/** The event rules of kpis.md ("Alerts"), by the `rule` id alerts carry; a threshold alert is named by its KPI. */
const RULE_NAMES: Readonly<Record<string, string>> = {
  kpi_threshold: 'KPI threshold',
  red_to_green_reroute: 'Red lane rerouted to green',
  significant_seizure: 'Significant seizure',
};

/** Most alerts the feed lists: an operations centre reads the latest, the API has the rest. */
const MAX_SHOWN = 50;

/**
 * The risk unit's alert feed: open and acknowledged alerts, newest first, kept current by `alert.*` pushes; an open
 * alert can be acknowledged. A resolved alert leaves the feed.
 */
export class AlertFeed {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'alerts', 'aria-live': 'polite' });
  private readonly note = h('p', { class: 'hint' }, 'Loading alerts…');
  private readonly alerts = new Map<string, Alert>();

  constructor(
    private readonly api: ApiClient,
    private readonly catalogue: ReadonlyMap<string, KpiDefinition>,
  ) {
    this.element = h('section', { class: 'panel alert-feed', 'aria-labelledby': 'alerts-title' }, h('header', { class: 'panel-header' }, h('h2', { id: 'alerts-title' }, 'Alerts')), this.note, this.list);
  }

  async load(): Promise<void> {
    try {
      const [open, acknowledged] = await Promise.all([this.api.alerts('open'), this.api.alerts('acknowledged')]);
      for (const alert of [...open, ...acknowledged]) this.alerts.set(alert.id, alert);
      this.render();
    } catch (error) {
      this.note.textContent = `Alerts could not be loaded: ${(error as Error).message}`;
    }
  }

  /** An `alert.raised`, `alert.updated` or `alert.resolved` push. */
  changed(alert: Alert): void {
    if (alert.status === 'resolved') this.alerts.delete(alert.id);
    else this.alerts.set(alert.id, { ...this.alerts.get(alert.id), ...alert });
    this.render();
  }

  private async acknowledge(alert: Alert, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const answer = await this.api.acknowledge(alert.id);
      const updated = isAlert(answer) ? answer : { ...alert, status: 'acknowledged' as const };
      this.changed(updated);
    } catch (error) {
      button.disabled = false;
      this.note.textContent = `Alert ${alert.id} could not be acknowledged: ${(error as Error).message}`;
    }
  }

  private render(): void {
    const shown = [...this.alerts.values()].sort((a, b) => String(b.raisedAt ?? '').localeCompare(String(a.raisedAt ?? ''))).slice(0, MAX_SHOWN);
    const open = shown.filter((alert) => alert.status === 'open').length;
    this.note.textContent = shown.length === 0 ? 'No open alert.' : `${open} open, ${shown.length - open} acknowledged.`;
    replaceChildren(this.list, ...shown.map((alert) => this.item(alert)));
  }

  private item(alert: Alert): HTMLElement {
    const acknowledge = h('button', { type: 'button', class: 'acknowledge' }, 'Acknowledge');
    acknowledge.addEventListener('click', () => void this.acknowledge(alert, acknowledge));
    const when = alert.raisedAt ? `raised ${timeOfDay(alert.raisedAt)}` : '';
    return h(
      'li',
      { class: 'alert', 'data-alert': alert.id, 'data-severity': alert.severity ?? 'warning', 'data-status': alert.status },
      h('span', { class: 'alert-severity' }, alert.severity ?? 'alert'),
      h('div', { class: 'alert-body' }, h('p', { class: 'alert-title' }, this.title(alert)), h('p', { class: 'alert-detail' }, [this.measure(alert), when, alert.status].filter(Boolean).join(' · '))),
      alert.status === 'open' ? acknowledge : null,
    );
  }

  /** What the alert is about: the KPI and slice of a threshold alert, the rule and subject of an event rule. */
  private title(alert: Alert): string {
    const kpi = alert.kpiId === undefined ? undefined : this.catalogue.get(alert.kpiId);
    if (kpi !== undefined) {
      const slice = Object.entries(alert.filters ?? {}).map(([name, value]) => `${name} ${value}`).join(', ');
      return `${kpi.name} · ${slice || 'all offices'}`;
    }
    const category = typeof alert.details?.category === 'string' ? ` (${alert.details.category.toLowerCase()})` : '';
    const subject = alert.trigger?.subject ? ` · ${alert.trigger.subject}` : '';
    return `${RULE_NAMES[alert.rule ?? ''] ?? alert.rule ?? 'Alert'}${category}${subject}`;
  }

  /** The value beyond the threshold, in the KPI's unit (a seizure's value is money). */
  private measure(alert: Alert): string {
    if (typeof alert.value !== 'number') return '';
    const kpi = alert.kpiId === undefined ? undefined : this.catalogue.get(alert.kpiId);
    const shown = (value: number): string => (kpi ? formatKpiValue(value, kpi.unit, kpi.id) : formatKpiValue(value, 'money'));
    return typeof alert.threshold === 'number' ? `${shown(alert.value)} (threshold ${shown(alert.threshold)})` : shown(alert.value);
  }
}

function isAlert(value: unknown): value is Alert {
  return typeof value === 'object' && value !== null && typeof (value as Alert).id === 'string' && typeof (value as Alert).status === 'string';
}

function timeOfDay(time: string): string {
  return new Date(time).toLocaleString('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', day: '2-digit', month: 'short' }) + ' UTC';
}
