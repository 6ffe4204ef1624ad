import { type KpiChanges } from '../engine/kpi-changes.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { filtersOfSlice } from '../engine/slices.js';
import { type KpiUpdate } from '../notifier/notifier.port.js';

/** The current value of each (KPI, slice) `changes` touched, as of `now`, stamped with `position`. */
export function currentUpdates(engine: KpiEngine, changes: KpiChanges, now: string, position: number): KpiUpdate[] {
  return changes.current.map(({ kpiId, slice }) => {
    const filters = filtersOfSlice(slice);
    const { value, n, window } = engine.current(kpiId, now, filters);
    return { kpiId, filters, value, n, window, position };
  });
}
