import { type KpiId, kpiById } from '@customs-pulse/domain';

import { type Granularity, bucketStart } from './bucket-time.js';
import { KpiQueryError } from './kpi-query-error.js';
import { type KpiFilters, dimensionsOf, sliceKey } from './slices.js';

/** The slice key of `filters`, once each filter is checked to be a dimension the KPI slices by. @throws KpiQueryError */
export function sliceOfQuery(kpiId: KpiId, filters: KpiFilters): string {
  const allowed: readonly string[] = kpiById(kpiId).slices;
  const refused = dimensionsOf(filters).filter((dimension) => !allowed.includes(dimension));
  if (refused.length > 0) {
    const by = allowed.length === 0 ? 'nothing' : allowed.join(', ');
    throw new KpiQueryError(`${kpiId} cannot be filtered by ${refused.join(', ')}; it slices by ${by}`);
  }
  return sliceKey(filters);
}

/** Epoch milliseconds of an RFC 3339 instant. @throws KpiQueryError */
export function instantOf(text: string, name: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new KpiQueryError(`${name} is not an RFC 3339 instant: ${JSON.stringify(text)}`);
  return ms;
}

/** `from` and `to` of a series, each the start of a bucket, `from` not after `to`. @throws KpiQueryError */
export function seriesRange(granularity: Granularity, from: string, to: string): { from: number; to: number } {
  const fromMs = instantOf(from, 'from');
  const toMs = instantOf(to, 'to');
  for (const [name, ms] of [['from', fromMs], ['to', toMs]] as const) {
    if (bucketStart(ms, granularity) !== ms) throw new KpiQueryError(`${name} is not the start of a UTC ${granularity}`);
  }
  if (fromMs > toMs) throw new KpiQueryError('from is after to');
  return { from: fromMs, to: toMs };
}
