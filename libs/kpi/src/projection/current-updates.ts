import { type KpiId } from '@customs-pulse/domain';

import { type KpiChanges } from '../engine/kpi-changes.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiFilters, filtersOfSlice } from '../engine/slices.js';
import { type KpiUpdate } from '../notifier/notifier.port.js';

/** The instant `current` means and the store position the engine has applied: what a {@link KpiUpdate} is stamped with. */
export interface CurrentReadAt {
  readonly now: string;
  readonly position: number;
}

/**
 * A KPI's current value under `filters`, read off `engine` at `at.now`, as api.md's `kpi.updated` and
 * `GET /api/kpis/:id/current` carry it. The one way the queries, live push and the alert rules read a current value,
 * so that they all answer the same number for the same engine, instant and slice.
 */
export function currentUpdate(engine: Pick<KpiEngine, 'current'>, kpiId: KpiId, filters: KpiFilters, at: CurrentReadAt): KpiUpdate {
  const { value, n, window } = engine.current(kpiId, at.now, filters);
  return { kpiId, filters, value, n, window, position: at.position };
}

/** The current value of each (KPI, slice) `changes` touched, as of `now`, stamped with `position`. */
export function currentUpdates(engine: KpiEngine, changes: KpiChanges, now: string, position: number): KpiUpdate[] {
  return changes.current.map(({ kpiId, slice }) => currentUpdate(engine, kpiId, filtersOfSlice(slice), { now, position }));
}
