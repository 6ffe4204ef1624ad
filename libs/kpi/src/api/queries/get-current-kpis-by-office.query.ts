import { KPI_CATALOGUE, type KpiId } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { currentUpdate } from '../../projection/current-updates.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** `GET /api/kpis/current/offices`: every office's current values, answered from one position. */
export interface CurrentKpisByOffice {
  readonly position: number;
  readonly offices: readonly {
    readonly office: string;
    readonly values: readonly { readonly kpiId: KpiId; readonly value: number | null; readonly n: number }[];
  }[];
}

/** The KPIs that can be sliced by office: the others have no value per office. */
const BY_OFFICE = KPI_CATALOGUE.filter((kpi) => (kpi.slices as readonly string[]).includes('office'));

/**
 * Every office the read model holds buckets for, in id order, with the current value of every KPI sliced by office,
 * as `GET /api/kpis/current?office=` would answer each. One request for the dashboard's Offices view, read off one
 * engine so that every row stands for the same position; office ids are not a closed list, so no other query names
 * them.
 */
export class GetCurrentKpisByOfficeQuery extends Query<CurrentKpisByOffice> {
  constructor(readonly asOf: Date | undefined) {
    super();
  }
}

@QueryHandler(GetCurrentKpisByOfficeQuery)
export class GetCurrentKpisByOfficeHandler implements IQueryHandler<GetCurrentKpisByOfficeQuery, CurrentKpisByOffice> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ asOf }: GetCurrentKpisByOfficeQuery): Promise<CurrentKpisByOffice> {
    return this.answers.answer(asOf, (engine, at) => ({
      position: at.position,
      offices: engine.offices().map((office) => ({
        office,
        values: BY_OFFICE.map(({ id }) => currentUpdate(engine, id, { office }, at)).map(({ kpiId, value, n }) => ({ kpiId, value, n })),
      })),
    }));
  }
}
