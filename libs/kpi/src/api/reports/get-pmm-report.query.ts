import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { KpiAnswers } from '../../projection/kpi-answers.js';
import { type PmmReport, pmmReport } from '../../reports/pmm-report.js';
import { type ReportPeriod } from '../../reports/report-period.js';

/** `GET /api/reports/pmm`: every KPI under its PMM dimension over a period, now or as things stood at `asOf`. */
export class GetPmmReportQuery extends Query<PmmReport> {
  constructor(
    readonly period: ReportPeriod,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetPmmReportQuery)
export class GetPmmReportHandler implements IQueryHandler<GetPmmReportQuery, PmmReport> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ period, asOf }: GetPmmReportQuery): Promise<PmmReport> {
    return this.answers.answerAcrossTurns(asOf, (engine, { position, cold }) =>
      pmmReport(engine, cold, { period, position, ...(asOf === undefined ? {} : { asOf: asOf.toISOString() }) }),
    );
  }
}
