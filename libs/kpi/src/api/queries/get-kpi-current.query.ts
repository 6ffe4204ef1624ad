import { type KpiId } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type KpiFilters } from '../../engine/slices.js';
import { type KpiUpdate } from '../../notifier/notifier.port.js';
import { currentUpdate } from '../../projection/current-updates.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** A KPI's current value (api.md, `GET /api/kpis/:id/current`): the same shape live push sends. */
export type CurrentKpi = KpiUpdate;

/** One KPI over the 24 hours ending with the present hour (`backlog`: now). */
export class GetKpiCurrentQuery extends Query<CurrentKpi> {
  constructor(
    readonly kpiId: KpiId,
    readonly filters: KpiFilters,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetKpiCurrentQuery)
export class GetKpiCurrentHandler implements IQueryHandler<GetKpiCurrentQuery, CurrentKpi> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ kpiId, filters, asOf }: GetKpiCurrentQuery): Promise<CurrentKpi> {
    return this.answers.answer(asOf, (engine, at) => currentUpdate(engine, kpiId, filters, at));
  }
}
