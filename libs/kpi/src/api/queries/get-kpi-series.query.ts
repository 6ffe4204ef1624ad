import { type KpiId } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type Granularity } from '../../engine/bucket-time.js';
import { type SeriesPoint } from '../../engine/kpi-queries.js';
import { type KpiFilters } from '../../engine/slices.js';
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
    return this.answers.answer(asOf, (engine, { position }) => ({
      kpiId,
      granularity,
      filters,
      points: engine.series(kpiId, granularity, range.from, range.to, filters),
      position,
    }));
  }
}
