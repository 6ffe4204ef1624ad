import { type Principal, RequireRole } from '@customs-pulse/auth';
import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { type DataQuality, GetQualityQuery } from '../queries/get-quality.query.js';
import { QueryParameters, type QueryString } from './query-parameters.js';

/** `GET /api/quality` (api.md): rejected events by reason, duplicates, negative durations left out. */
@Controller('api/quality')
@RequireRole('operator')
export class QualityController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  quality(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<DataQuality> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    return this.queries.execute(new GetQualityQuery(asOf));
  }
}
