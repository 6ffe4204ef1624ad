import { type Principal, RequireRole } from '@customs-pulse/auth';
import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { type DeclarationReport } from '../../declarations/declaration-report.js';
import { GetDeclarationQuery } from '../queries/get-declaration.query.js';
import { QueryParameters, type QueryString } from './query-parameters.js';

/** `GET /api/declarations/:id` (api.md): a declaration's facts and TRS segments. The id is URL-encoded. */
@Controller('api/declarations')
@RequireRole('operator')
export class DeclarationsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id')
  async declaration(@Param('id') id: string, @Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<DeclarationReport> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    const report = await this.queries.execute(new GetDeclarationQuery(id, asOf));
    if (report === null) throw new NotFoundException(`no event of declaration ${JSON.stringify(id)} has been projected`);
    return report;
  }
}
