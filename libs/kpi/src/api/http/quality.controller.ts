import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole } from '@customs-pulse/http';
import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { type DataQuality, GetQualityQuery } from '../queries/get-quality.query.js';
import { DataQualitySchema } from './data-quality.schema.js';
import { ApiAsOfQuery } from './kpi-query-parameters.docs.js';
import { QueryParameters, type QueryString } from './query-parameters.js';
import { RESTORING_RESPONSE, answeringKpiQuery } from './kpi-query-failure.js';

/** `GET /api/quality` (api.md): rejected events by reason, duplicates, negative durations left out. */
@Controller('api/quality')
@RequireRole('operator')
@ApiTags('Data quality')
@ApiRole('operator')
export class QualityController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Data-quality counters',
    description: 'Rejected events by reason and duplicates (counted by ingest; no history, so today\'s even with `asOf`), and negative durations left out per KPI.',
  })
  @ApiAsOfQuery()
  @ApiOkResponse({ type: DataQualitySchema, description: 'The counters' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter; `errors` names each', ...RESTORING_RESPONSE })
  quality(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<DataQuality> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new GetQualityQuery(asOf)));
  }
}
