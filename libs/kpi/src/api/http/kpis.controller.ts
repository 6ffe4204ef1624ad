import { type Principal, RequireRole } from '@customs-pulse/auth';
import { CLOCK, type Clock, type KpiId, isKpiId } from '@customs-pulse/domain';
import { ApiProblemResponses, ApiRole } from '@customs-pulse/http';
import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { type CurrentKpisByOffice, GetCurrentKpisByOfficeQuery } from '../queries/get-current-kpis-by-office.query.js';
import { type CurrentKpis, GetCurrentKpisQuery } from '../queries/get-current-kpis.query.js';
import { type CurrentKpi, GetKpiCurrentQuery } from '../queries/get-kpi-current.query.js';
import { GetKpiCatalogueQuery, type KpiCatalogueEntry } from '../queries/get-kpi-catalogue.query.js';
import { GetKpiSeriesQuery, type KpiSeries } from '../queries/get-kpi-series.query.js';
import { CurrentKpiSchema, CurrentKpisByOfficeSchema, CurrentKpisSchema } from './current-kpi.schema.js';
import { KpiCatalogueEntrySchema } from './kpi-catalogue-entry.schema.js';
import { RESTORING_RESPONSE, answeringKpiQuery } from './kpi-query-failure.js';
import { ApiAsOfQuery, ApiKpiFilterQueries, ApiKpiIdParam, ApiSeriesRangeQueries } from './kpi-query-parameters.docs.js';
import { KpiSeriesSchema } from './kpi-series.schema.js';
import { QueryParameters, type QueryString } from './query-parameters.js';

const FILTERS = ['office', 'transportMode', 'regime', 'category'] as const;

/** The KPI queries of api.md: catalogue, series, current values. Role `operator`; `asOf` needs `auditor`. */
@Controller('api/kpis')
@RequireRole('operator')
@ApiTags('KPIs')
@ApiRole('operator')
export class KpisController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The KPI catalogue', description: 'Every KPI with its dimension, unit, direction, the thresholds in force and the filters it can be asked by.' })
  @ApiOkResponse({ type: [KpiCatalogueEntrySchema], description: 'The catalogue, in kpis.md order' })
  catalogue(): Promise<KpiCatalogueEntry[]> {
    return this.queries.execute(new GetKpiCatalogueQuery());
  }

  /** Declared before `:id/...` routes only for readability: `current` is never taken for a KPI id here. */
  @Get('current')
  @ApiOperation({
    summary: "Every KPI's current value",
    description: 'Over the 24 hours ending with the present hour, under the filters given; a KPI that cannot be sliced by a filter given is left out.',
  })
  @ApiKpiFilterQueries()
  @ApiOkResponse({ type: CurrentKpisSchema, description: 'The current values and the position answered from' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter; `errors` names each', ...RESTORING_RESPONSE })
  allCurrent(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<CurrentKpis> {
    const parameters = new QueryParameters(query, [...FILTERS, 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const filters = parameters.filters();
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetCurrentKpisQuery(filters, asOf)));
  }

  @Get('current/offices')
  @ApiOperation({
    summary: "Every office's current values",
    description:
      'Every office an event named, in id order, with the current value of each KPI that can be sliced by office (as `GET /api/kpis/current?office=` answers it), all from one position: the dashboard\'s Offices view.',
  })
  @ApiAsOfQuery()
  @ApiOkResponse({ type: CurrentKpisByOfficeSchema, description: 'The offices, their current values and the position answered from' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter; `errors` names each', ...RESTORING_RESPONSE })
  byOffice(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<CurrentKpisByOffice> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetCurrentKpisByOfficeQuery(asOf)));
  }

  @Get(':id/series')
  @ApiOperation({
    summary: 'A KPI over time',
    description: 'One point per bucket in [from, to); over an empty bucket `value` is 0 for a count or sum and null for a mean, share, ratio or percentile.',
  })
  @ApiKpiIdParam()
  @ApiKpiFilterQueries()
  @ApiSeriesRangeQueries()
  @ApiOkResponse({ type: KpiSeriesSchema, description: 'One point per bucket in range' })
  @ApiProblemResponses({
    400: 'An unknown or malformed query parameter, a bound that is not a bucket start, or a filter this KPI is not sliced by; `errors` names each',
    404: 'No KPI of that id',
    ...RESTORING_RESPONSE,
  })
  series(@Param('id') id: string, @Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<KpiSeries> {
    const kpiId = knownKpi(id);
    const parameters = new QueryParameters(query, ['granularity', 'from', 'to', ...FILTERS, 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const filters = parameters.filters();
    const granularity = parameters.granularity();
    const range = parameters.range(granularity, asOf ?? this.clock.now());
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetKpiSeriesQuery(kpiId, granularity, range, filters, asOf)));
  }

  @Get(':id/current')
  @ApiOperation({ summary: "A KPI's current value", description: 'Over the 24 hourly buckets ending with the present hour (`backlog`: now), with the window and position.' })
  @ApiKpiIdParam()
  @ApiKpiFilterQueries()
  @ApiOkResponse({ type: CurrentKpiSchema, description: 'The current value, its window and the position answered from' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter, or a filter this KPI is not sliced by; `errors` names each', 404: 'No KPI of that id', ...RESTORING_RESPONSE })
  current(@Param('id') id: string, @Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<CurrentKpi> {
    const kpiId = knownKpi(id);
    const parameters = new QueryParameters(query, [...FILTERS, 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const filters = parameters.filters();
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetKpiCurrentQuery(kpiId, filters, asOf)));
  }
}

/** @throws NotFoundException naming the id, for a KPI the catalogue does not hold. */
function knownKpi(id: string): KpiId {
  if (isKpiId(id)) return id;
  throw new NotFoundException(`there is no KPI ${JSON.stringify(id)}; GET /api/kpis lists them`);
}
