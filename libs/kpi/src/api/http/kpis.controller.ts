import { type Principal, RequireRole } from '@customs-pulse/auth';
import { CLOCK, type Clock, type KpiId, isKpiId } from '@customs-pulse/domain';
import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { type CurrentKpis, GetCurrentKpisQuery } from '../queries/get-current-kpis.query.js';
import { type CurrentKpi, GetKpiCurrentQuery } from '../queries/get-kpi-current.query.js';
import { GetKpiCatalogueQuery, type KpiCatalogueEntry } from '../queries/get-kpi-catalogue.query.js';
import { GetKpiSeriesQuery, type KpiSeries } from '../queries/get-kpi-series.query.js';
import { answeringKpiQuery } from './kpi-query-failure.js';
import { QueryParameters, type QueryString } from './query-parameters.js';

const FILTERS = ['office', 'transportMode', 'regime', 'category'] as const;

/** The KPI queries of api.md: catalogue, series, current values. Role `operator`; `asOf` needs `auditor`. */
@Controller('api/kpis')
@RequireRole('operator')
export class KpisController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  catalogue(): Promise<KpiCatalogueEntry[]> {
    return this.queries.execute(new GetKpiCatalogueQuery());
  }

  /** Declared before `:id/...` routes only for readability: `current` is never taken for a KPI id here. */
  @Get('current')
  allCurrent(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<CurrentKpis> {
    const parameters = new QueryParameters(query, [...FILTERS, 'asOf']);
    const asOf = parameters.asOf(request.principal);
    const filters = parameters.filters();
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetCurrentKpisQuery(filters, asOf)));
  }

  @Get(':id/series')
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
