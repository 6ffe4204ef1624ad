import { KPI_CATALOGUE, type KpiId } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type KpiFilters, dimensionsOf } from '../../engine/slices.js';
import { currentUpdate } from '../../projection/current-updates.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** `GET /api/kpis/current` (api.md). */
export interface CurrentKpis {
  readonly position: number;
  readonly values: readonly { readonly kpiId: KpiId; readonly value: number | null; readonly n: number }[];
}

/**
 * Every KPI's current value under the same filters. A KPI that cannot be sliced by one of the filters (seizures by
 * regime, duties by transport mode) has no value for that slice and is left out, rather than answered with its total
 * under a filter it ignores.
 */
export class GetCurrentKpisQuery extends Query<CurrentKpis> {
  constructor(
    readonly filters: KpiFilters,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetCurrentKpisQuery)
export class GetCurrentKpisHandler implements IQueryHandler<GetCurrentKpisQuery, CurrentKpis> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ filters, asOf }: GetCurrentKpisQuery): Promise<CurrentKpis> {
    const asked = dimensionsOf(filters);
    const kpis = KPI_CATALOGUE.filter((kpi) => asked.every((dimension) => (kpi.slices as readonly string[]).includes(dimension)));
    return this.answers.answer(asOf, (engine, at) => ({
      position: at.position,
      // api.md's shape: neither the filters, which the request gave, nor the window.
      values: kpis.map(({ id }) => currentUpdate(engine, id, filters, at)).map(({ kpiId, value, n }) => ({ kpiId, value, n })),
    }));
  }
}
