import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { KpiAnswers } from '../../projection/kpi-answers.js';
import { type ReportPeriod } from '../../reports/report-period.js';
import { type TrsFilters, type TrsReport } from '../../reports/trs-report.js';
import { trsReportOf } from '../../reports/trs-report.js';

/** `GET /api/reports/trs`: the Time Release Study over a period, now or as things stood at `asOf`. */
export class GetTrsReportQuery extends Query<TrsReport> {
  constructor(
    readonly period: ReportPeriod,
    readonly filters: TrsFilters,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetTrsReportQuery)
export class GetTrsReportHandler implements IQueryHandler<GetTrsReportQuery, TrsReport> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ period, filters, asOf }: GetTrsReportQuery): Promise<TrsReport> {
    return this.answers.answerAcrossTurns(asOf, (engine, { position, cold }) =>
      trsReportOf(engine, cold, { period, filters, position, ...(asOf === undefined ? {} : { asOf: asOf.toISOString() }) }),
      // the one reader of the report-only measures: its daily aggregates
      { reportMeasures: true },
    );
  }
}
