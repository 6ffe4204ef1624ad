import { type KpiId } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type Granularity } from '../../engine/bucket-time.js';
import { type SeriesPoint } from '../../engine/kpi-queries.js';
import { type KpiFilters } from '../../engine/slices.js';
import { withColdBuckets } from '../../projection/cold-bucket-reads.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** `GET /api/kpis/:id/series` (api.md). */
export interface KpiSeries {
  readonly kpiId: KpiId;
  readonly granularity: Granularity;
  readonly filters: KpiFilters;
  readonly points: readonly SeriesPoint[];
  /** The store position the projection had applied when it answered. */
  readonly position: number;
}

/** A KPI over each bucket of [from, to). */
export class GetKpiSeriesQuery extends Query<KpiSeries> {
  constructor(
    readonly kpiId: KpiId,
    readonly granularity: Granularity,
    readonly range: { readonly from: string; readonly to: string },
    readonly filters: KpiFilters,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetKpiSeriesQuery)
export class GetKpiSeriesHandler implements IQueryHandler<GetKpiSeriesQuery, KpiSeries> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ kpiId, granularity, range, filters, asOf }: GetKpiSeriesQuery): Promise<KpiSeries> {
    // Across turns: a range before the buckets held is read from the read model, the engine held still meanwhile.
    return this.answers.answerAcrossTurns(asOf, async (engine, { position, cold }) => ({
      kpiId,
      granularity,
      filters,
      points: await withColdBuckets(cold, (rows) => engine.series(kpiId, granularity, range.from, range.to, filters, rows)),
      position,
    }));
  }
}
