import { type Principal, RequireRole } from '@customs-pulse/auth';
import { isKpiId } from '@customs-pulse/domain';
import { Controller, Inject, NotFoundException, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { IncomingMessage } from 'node:http';

import { ChangeKpiThresholdsCommand, type KpiThresholdsChange } from '../commands/change-kpi-thresholds.command.js';
import { answeringAlertCommand } from './alert-problems.js';
import { readJsonObjectBody } from './json-object-body.js';

/** `PUT /api/kpis/:id/thresholds` (api.md, role `admin`): the alert thresholds of a KPI. */
@Controller('api/kpis')
@RequireRole('admin')
export class KpiThresholdsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  /** Body `{warning, critical}`; 400 naming each bad field, 404 for a KPI the catalogue does not hold. */
  @Put(':id/thresholds')
  async change(@Param('id') id: string, @Req() request: IncomingMessage & { principal?: Principal }): Promise<KpiThresholdsChange> {
    if (!isKpiId(id)) throw new NotFoundException(`there is no KPI ${JSON.stringify(id)}; GET /api/kpis lists them`);
    const body = await readJsonObjectBody(request);
    return answeringAlertCommand(() => this.commands.execute(new ChangeKpiThresholdsCommand(id, body, request.principal?.subject ?? null)));
  }
}
