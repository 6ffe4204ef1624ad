import { type Principal, RequireRole } from '@customs-pulse/auth';
import { isKpiId } from '@customs-pulse/domain';
import { ApiProblemResponses, ApiRole, MAX_COMMAND_BODY_BYTES, readJsonObjectBody } from '@customs-pulse/http';
import { ApiKpiIdParam, KpiThresholdsSchema } from '@customs-pulse/kpi/api';
import { Controller, Inject, NotFoundException, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';

import { ChangeKpiThresholdsCommand, type KpiThresholdsChange } from '../commands/change-kpi-thresholds.command.js';
import { answeringAlertCommand } from './alert-problems.js';
import { KpiThresholdsChangeSchema } from './kpi-thresholds-change.schema.js';

/** `PUT /api/kpis/:id/thresholds` (api.md, role `admin`): the alert thresholds of a KPI. */
@Controller('api/kpis')
@RequireRole('admin')
@ApiTags('KPIs')
@ApiRole('admin')
export class KpiThresholdsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  /** Body `{warning, critical}`; 400 naming each bad field, 404 for a KPI the catalogue does not hold. */
  @Put(':id/thresholds')
  @ApiOperation({
    summary: "Change a KPI's alert thresholds",
    description: 'Records `KpiThresholdChanged`, unless the thresholds were already these (`changed: false`).',
  })
  @ApiKpiIdParam()
  @ApiBody({
    type: KpiThresholdsSchema,
    description: 'Both numbers >= 0, no other field; `warning` below `critical` when lower is better (direction `down`), above it when higher is better',
  })
  @ApiOkResponse({ type: KpiThresholdsChangeSchema, description: 'The thresholds now in force, and those before' })
  @ApiProblemResponses({
    400: 'The body is not a JSON object, a field is missing, unknown or negative, or `warning` is not on the good side of `critical`; `errors` names each',
    404: 'No KPI of that id',
    413: `The body is over ${MAX_COMMAND_BODY_BYTES} bytes`,
  })
  async change(@Param('id') id: string, @Req() request: IncomingMessage & { principal?: Principal }): Promise<KpiThresholdsChange> {
    if (!isKpiId(id)) throw new NotFoundException(`there is no KPI ${JSON.stringify(id)}; GET /api/kpis lists them`);
    const body = await readJsonObjectBody(request);
    return answeringAlertCommand(() => this.commands.execute(new ChangeKpiThresholdsCommand(id, body, request.principal?.subject ?? null)));
  }
}
