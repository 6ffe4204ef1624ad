import type { ApiClient } from '../api/api-client.js';
import type { KpiDefinition, StrategicTarget, TargetStatus, TargetUpdate } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatKpiValue } from '../tiles/kpi-format.js';
import { targetBarGeometry } from './target-bar.js';

const STATUS_LABELS: Readonly<Record<TargetStatus, string>> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  insufficient_data: 'too few observations',
};

/**
 * The "Strategic plan" panel (issue 16): one bar per target of `GET /api/targets`, from the baseline value to the
 * target, filled to the progress, coloured by status (`data-status`), with the value the plan expects now marked on
 * it and the deadline at its end. `target.updated` pushes replace a target or, retired, remove it.
 */
export class StrategicPlanPanel {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'targets', 'aria-live': 'polite' });
  private readonly note = h('p', { class: 'hint' }, 'Loading the strategic plan…');
  private readonly targets = new Map<string, StrategicTarget>();
  /** Targets pushed while a load was under way: the push is newer than the load's answer. */
  private pushedDuringLoad: Set<string> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly catalogue: ReadonlyMap<string, KpiDefinition>,
  ) {
    this.element = h(
      'section',
      { class: 'panel strategic-plan', 'aria-labelledby': 'strategic-plan-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'strategic-plan-title' }, 'Strategic plan')),
      this.note,
      this.list,
    );
  }

  /** Reads the whole plan: on connecting, and again after a reconnection, since pushes missed meanwhile are lost. */
  async load(): Promise<void> {
    const pushed = new Set<string>();
    this.pushedDuringLoad = pushed;
    try {
      const targets = await this.api.targets();
      if (this.pushedDuringLoad !== pushed) return;
      for (const id of this.targets.keys()) if (!pushed.has(id) && !targets.some((target) => target.id === id)) this.targets.delete(id);
      for (const target of targets) if (!pushed.has(target.id)) this.targets.set(target.id, target);
      this.render();
    } catch (error) {
      this.note.textContent = `The strategic plan could not be loaded: ${(error as Error).message}`;
    } finally {
      if (this.pushedDuringLoad === pushed) this.pushedDuringLoad = null;
    }
  }

  /** A `target.updated` push. */
  changed(update: TargetUpdate): void {
    this.pushedDuringLoad?.add(update.id);
    if ('retired' in update) this.targets.delete(update.id);
    else this.targets.set(update.id, update);
    this.render();
  }

  private render(): void {
    const targets = [...this.targets.values()].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
    this.note.textContent = targets.length === 0 ? 'No strategic target is set.' : '';
    this.note.hidden = targets.length > 0;
    replaceChildren(this.list, ...targets.map((target) => this.item(target)));
  }

  private item(target: StrategicTarget): HTMLElement {
    const kpi = this.catalogue.get(target.kpiId);
    const shown = (value: number | null): string => (kpi === undefined ? String(value ?? '—') : formatKpiValue(value, kpi.unit, kpi.id));
    const { fill, expected } = targetBarGeometry(target);
    const progress = target.progress === null ? 'no recent value' : `${Math.round(target.progress * 100)} % of the way`;
    const fillBar = h('div', { class: 'target-fill' });
    fillBar.style.setProperty('width', `${fill * 100}%`);
    const mark = expected === null ? null : h('div', { class: 'target-expected', title: `expected now: ${shown(target.expected)}` });
    mark?.style.setProperty('left', `${expected! * 100}%`);
    const slice = Object.entries(target.filters).map(([name, value]) => `${name} ${value}`).join(', ') || 'all offices';
    return h(
      'li',
      { class: 'target', 'data-target': target.id, 'data-status': target.status },
      h('header', { class: 'target-header' }, h('h3', { class: 'target-objective' }, target.objective), h('span', { class: 'target-status' }, STATUS_LABELS[target.status])),
      h('p', { class: 'target-kpi' }, `${kpi?.name ?? target.kpiId} · ${slice}`),
      h(
        'div',
        {
          class: 'target-bar',
          role: 'meter',
          'aria-label': `${target.objective}: ${progress}`,
          'aria-valuemin': 0,
          'aria-valuemax': 100,
          'aria-valuenow': Math.round(fill * 100),
        },
        fillBar,
        mark,
      ),
      h(
        'p',
        { class: 'target-scale' },
        h('span', { class: 'target-baseline' }, `baseline ${shown(target.baselineValue)}`),
        h('span', { class: 'target-goal' }, `target ${shown(target.target)} by `, h('time', { class: 'target-deadline', datetime: target.deadline }, deadlineOf(target.deadline))),
      ),
      h(
        'p',
        { class: 'target-now' },
        h('span', { class: 'target-recent' }, `now ${shown(target.recentValue)} (n = ${formatCount(target.recentN)})`),
        h('span', { class: 'target-expected-value' }, `expected ${shown(target.expected)}`),
        h('span', { class: 'target-progress' }, progress),
      ),
    );
  }
}

/** `2026-12-31` as `31 Dec 2026`: a plan's deadline is read as a day, not an instant. */
function deadlineOf(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}
