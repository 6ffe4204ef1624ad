import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole } from '@customs-pulse/http';
import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { type DeclarationReport } from '../../declarations/declaration-report.js';
import { GetDeclarationQuery } from '../queries/get-declaration.query.js';
import { DeclarationReportSchema } from './declaration-report.schema.js';
import { ApiAsOfQuery } from './kpi-query-parameters.docs.js';
import { QueryParameters, type QueryString } from './query-parameters.js';
import { RESTORING_RESPONSE, answeringKpiQuery } from './kpi-query-failure.js';

/** `GET /api/declarations/:id` (api.md): a declaration's facts and TRS segments. The id is URL-encoded. */
@Controller('api/declarations')
@RequireRole('operator')
@ApiTags('Declarations')
@ApiRole('operator')
export class DeclarationsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: "A declaration's facts and TRS segments", description: 'The facts as kpis.md names them and the Time Release Study segments in hours.' })
  @ApiParam({ name: 'id', type: String, description: 'The declaration id (the subject of its events), URL-encoded' })
  @ApiAsOfQuery()
  @ApiOkResponse({ type: DeclarationReportSchema, description: 'The facts and segments' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter; `errors` names each', 404: 'No event of that declaration has been projected', ...RESTORING_RESPONSE })
  async declaration(@Param('id') id: string, @Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<DeclarationReport> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    const report = await answeringKpiQuery(() => this.queries.execute(new GetDeclarationQuery(id, asOf)));
    if (report === null) throw new NotFoundException(`no event of declaration ${JSON.stringify(id)} has been projected`);
    return report;
  }
}
