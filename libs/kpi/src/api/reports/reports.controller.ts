import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole } from '@customs-pulse/http';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';

import { pmmReportTables } from '../../reports/formats/pmm-report-tables.js';
import { trsReportTables } from '../../reports/formats/trs-report-tables.js';
import { type PmmReport } from '../../reports/pmm-report.js';
import { type TrsReport } from '../../reports/trs-report.js';
import { RESTORING_RESPONSE, answeringKpiQuery } from '../http/kpi-query-failure.js';
import { type QueryString } from '../http/query-parameters.js';
import { GetPmmReportQuery } from './get-pmm-report.query.js';
import { GetTrsReportQuery } from './get-trs-report.query.js';
import { type ReportResponse, reportAnswer } from './report-answer.js';
import { REPORT_FORMATS, ReportParameters } from './report-parameters.js';
import { PmmReportSchema } from './pmm-report.schema.js';
import { TrsReportSchema } from './trs-report.schema.js';

const PERIOD_BOUND = 'A UTC midnight: `2026-01-01`, or RFC 3339 (`2026-01-01T00:00:00.000Z`); at most 366 days from `from` to `to`';
const ApiPeriodQueries = (bound: 'from' | 'to') =>
  ApiQuery({ name: bound, required: false, description: `${bound === 'from' ? 'Inclusive' : 'Exclusive'}. ${PERIOD_BOUND}` });
const ApiFormatQuery = () => ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'json (default); csv: one table per section; html: a printable page' });
const ApiAsOfQuery = () => ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339: from the events stored by then only (role `auditor`)' });

/** The Time Release Study and PMM reports (targets-and-reports.md): read by operators, `asOf` by auditors. */
@Controller('api/reports')
@RequireRole('operator')
@ApiRole('operator')
@ApiTags('Reports')
@ApiProduces('application/json', 'text/csv', 'text/html')
export class ReportsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('trs')
  @ApiOperation({
    summary: 'The Time Release Study over a period',
    description: 'Release times of the declarations released in [from, to): overall, segments, breakdowns, distribution, daily trend and the 20 longest.',
  })
  @ApiPeriodQueries('from')
  @ApiPeriodQueries('to')
  @ApiQuery({ name: 'office', required: false })
  @ApiQuery({ name: 'transportMode', required: false })
  @ApiQuery({ name: 'regime', required: false })
  @ApiFormatQuery()
  @ApiAsOfQuery()
  @ApiOkResponse({ type: TrsReportSchema, description: 'The report (JSON), or its tables as CSV or HTML' })
  @ApiProblemResponses({ 400: 'A missing, unknown or malformed query parameter, a period not of whole UTC days or over 366 days; `errors` names each', ...RESTORING_RESPONSE })
  async trs(
    @Query() query: QueryString,
    @Req() request: { principal?: Principal },
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<TrsReport | string> {
    const parameters = new ReportParameters(query, ['from', 'to', 'office', 'transportMode', 'regime', 'format', 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const period = parameters.period(false);
    const filters = parameters.trsFilters();
    const format = parameters.format();
    parameters.check();
    const report = await answeringKpiQuery(() => this.queries.execute(new GetTrsReportQuery(period, filters, asOf)));
    return reportAnswer(report, format, response, { name: 'trs-report', title: 'Time Release Study', tables: trsReportTables });
  }

  @Get('pmm')
  @ApiOperation({
    summary: 'The PMM self-assessment over a period',
    description: 'Every KPI under its PMM dimension over [from, to) (or a calendar `year`), in total and per office, with its definition.',
  })
  @ApiPeriodQueries('from')
  @ApiPeriodQueries('to')
  @ApiQuery({ name: 'year', required: false, description: 'Instead of from and to: that calendar year, e.g. 2025' })
  @ApiFormatQuery()
  @ApiAsOfQuery()
  @ApiOkResponse({ type: PmmReportSchema, description: 'The report (JSON), or its tables as CSV or HTML' })
  @ApiProblemResponses({ 400: 'A missing, unknown or malformed query parameter, year given with from or to, a period over 366 days; `errors` names each', ...RESTORING_RESPONSE })
  async pmm(
    @Query() query: QueryString,
    @Req() request: { principal?: Principal },
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<PmmReport | string> {
    const parameters = new ReportParameters(query, ['from', 'to', 'year', 'format', 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const period = parameters.period(true);
    const format = parameters.format();
    parameters.check();
    const report = await answeringKpiQuery(() => this.queries.execute(new GetPmmReportQuery(period, asOf)));
    return reportAnswer(report, format, response, { name: 'pmm-report', title: 'PMM self-assessment', tables: pmmReportTables });
  }
}
