import type { KpiDefinition } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatCount, formatKpiValue, formatThreshold } from './kpi-format.js';
import { thresholdStatus } from './threshold-status.js';

/**
 * One KPI's current value, coloured by {@link thresholdStatus} (`data-status`), with `n` and the thresholds it is
 * rated against. Keeps the position of what it shows, so a value older than that is ignored.
 */
export class KpiTile {
  readonly element: HTMLElement;
  private readonly value = h('p', { class: 'tile-value' }, '…');
  private readonly count = h('p', { class: 'tile-n' });
  private position = -1;

  constructor(readonly kpi: KpiDefinition) {
    const { thresholds, unit, id, direction } = kpi;
    const bad = direction === 'down' ? '≥' : '≤';
    const better = direction === 'up' ? 'higher' : 'lower';
    const rule = thresholds === null ? 'no threshold' : `${bad} ${formatThreshold(thresholds.warning, unit, id)} / ${formatThreshold(thresholds.critical, unit, id)}`;
    const explained = thresholds === null ? 'no threshold' : `warning at ${bad} ${formatThreshold(thresholds.warning, unit, id)}, critical at ${bad} ${formatThreshold(thresholds.critical, unit, id)}`;
    this.element = h(
      'article',
      { class: 'tile', 'data-kpi': id, 'data-status': 'empty', title: `${kpi.name} (${id}): ${better} is better; ${explained}` },
      h('h3', { class: 'tile-name' }, kpi.name),
      this.value,
      h('footer', { class: 'tile-footer' }, this.count, h('p', { class: 'tile-rule' }, rule)),
    );
  }

  /** Shows a value at `position`, unless the tile already shows a later one; `live` makes it flash. */
  show(value: number | null, n: number, position: number, live: boolean): void {
    if (position < this.position) return;
    this.position = position;
    this.element.dataset.status = thresholdStatus(value, this.kpi.direction, this.kpi.thresholds);
    this.value.textContent = formatKpiValue(value, this.kpi.unit, this.kpi.id);
    this.count.textContent = `n = ${formatCount(n)}`;
    if (live) {
      this.element.classList.remove('tile-updated');
      // Reading layout restarts the animation when updates come faster than it runs.
      void this.element.offsetWidth;
      this.element.classList.add('tile-updated');
    }
  }

  /** Forgets what it shows, for new filters: `reason` says why it will show nothing (a filter it is not sliced by). */
  reset(reason: string | null): void {
    this.position = -1;
    this.element.dataset.status = reason === null ? 'empty' : 'unavailable';
    this.value.textContent = reason === null ? '…' : '—';
    this.count.textContent = reason ?? '';
  }
}
