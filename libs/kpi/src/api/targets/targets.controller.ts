import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole, MAX_COMMAND_BODY_BYTES, readJsonObjectBody } from '@customs-pulse/http';
import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';

import { type TargetProgress } from '../../targets/strategic-target.js';
import { QueryParameters, type QueryString } from '../http/query-parameters.js';
import { ListTargetsQuery } from './list-targets.query.js';
import { RetireTargetCommand } from './retire-target.command.js';
import { SetTargetCommand } from './set-target.command.js';
import { TargetDefinitionSchema, TargetProgressSchema } from './target.schema.js';
import { RESTORING_RESPONSE, answeringKpiQuery } from '../http/kpi-query-failure.js';
import { answeringTargetCommand } from './target-problems.js';

const ApiTargetIdParam = () => ApiParam({ name: 'id', description: '1 to 64 characters of a-z, 0-9 and -, chosen by the admin', example: 'tas-air-release-time' });

/** The strategic targets (targets-and-reports.md): read by operators, changed by admins. */
@Controller('api/targets')
@ApiTags('Targets')
export class TargetsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  @Get()
  @RequireRole('operator')
  @ApiRole('operator')
  @ApiOperation({
    summary: 'The strategic targets with their progress',
    description: 'Every target in force, by id, with its baseline and recent values, the value the plan expects now, progress and status.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339: the targets in force then, judged on the KPI values then (role `auditor`)' })
  @ApiOkResponse({ type: [TargetProgressSchema], description: 'The targets in force, by id' })
  @ApiProblemResponses({ 400: 'An unknown or malformed query parameter; `errors` names each', ...RESTORING_RESPONSE })
  list(@Query() query: QueryString, @Req() request: { principal?: Principal }): Promise<TargetProgress[]> {
    const parameters = new QueryParameters(query, ['asOf']);
    const asOf = parameters.asOf(request.principal);
    parameters.check();
    return answeringKpiQuery(() => this.queries.execute(new ListTargetsQuery(asOf)));
  }

  @Put(':id')
  @RequireRole('admin')
  @ApiRole('admin')
  @ApiOperation({
    summary: 'Set a strategic target',
    description: 'Records `TargetSet` (nothing when the target is already exactly this) and answers the target with its progress.',
  })
  @ApiTargetIdParam()
  @ApiBody({ type: TargetDefinitionSchema })
  @ApiOkResponse({ type: TargetProgressSchema, description: 'The target now in force, with its progress' })
  @ApiProblemResponses({
    400: 'A malformed id or field, an unknown KPI or slice, a count or sum KPI, a null baseline value, a target not better than it, a deadline not later than `baseline.to`, milestones out of order or range; `errors` names each',
    409: 'Another request changed the same target at the same time',
    413: `The body is over ${MAX_COMMAND_BODY_BYTES} bytes`,
    ...RESTORING_RESPONSE,
  })
  async set(@Param('id') id: string, @Req() request: IncomingMessage): Promise<TargetProgress> {
    const body = await readJsonObjectBody(request);
    // Its baseline is read off the KPIs, which answer 503 while an unloadable read model is rebuilt.
    return answeringKpiQuery(() => answeringTargetCommand(() => this.commands.execute(new SetTargetCommand(id, body))));
  }

  @Delete(':id')
  @RequireRole('admin')
  @ApiRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retire a strategic target', description: 'Records `TargetRetired`; its history stays in the log.' })
  @ApiTargetIdParam()
  @ApiNoContentResponse({ description: 'Retired' })
  @ApiProblemResponses({ 404: 'No target of that id in force', 409: 'Another request changed the same target at the same time' })
  retire(@Param('id') id: string): Promise<void> {
    return answeringTargetCommand(() => this.commands.execute(new RetireTargetCommand(id)));
  }
}
