import { isKpiId } from '@customs-pulse/domain';
import { type KpiUpdate, sliceKey } from '@customs-pulse/kpi';

/**
 * The record key of an update: its KPI and slice, so that the updates of one slice keep their order in one
 * partition and a gateway never pushes an older value after a newer one.
 */
export function kpiUpdateKey(update: KpiUpdate): string {
  return `${update.kpiId}|${sliceKey(update.filters)}`;
}

/** The update a record value holds, or `null` for a value that is not one: the topic is ours, but a bad record must not stop a gateway. */
export function kpiUpdateOf(value: Buffer | null): KpiUpdate | null {
  if (value === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const update = parsed as Partial<KpiUpdate>;
  const valid =
    typeof update.kpiId === 'string' &&
    isKpiId(update.kpiId) &&
    typeof update.filters === 'object' &&
    update.filters !== null &&
    (update.value === null || typeof update.value === 'number') &&
    typeof update.n === 'number' &&
    typeof update.position === 'number' &&
    typeof update.window?.from === 'string' &&
    typeof update.window?.to === 'string';
  return valid ? (update as KpiUpdate) : null;
}
