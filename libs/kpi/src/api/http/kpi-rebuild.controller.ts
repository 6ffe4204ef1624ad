import { RequireRole } from '@customs-pulse/auth';
import { ApiRole } from '@customs-pulse/http';
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { type KpiRebuildReport } from '../../projection/kpi-projection.js';
import { RebuildKpiProjectionCommand } from '../commands/rebuild-kpi-projection.command.js';
import { KpiRebuildReportSchema } from './kpi-rebuild-report.schema.js';

/**
 * `POST /api/kpis/rebuild` (role `admin`): rebuild the KPI read model from position 0 and swap it in, answering once
 * it is live. Not in api.md: an operator needs it after changing `RELEASE_TARGET_HOURS` or upgrading the engine, and
 * a running projection holds the read model's lease, so the offline command cannot do it then.
 */
@Controller('api/kpis/rebuild')
@RequireRole('admin')
@ApiTags('KPIs')
@ApiRole('admin')
export class KpiRebuildController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rebuild the KPI read model (not in api.md)',
    description: 'Rebuilds from position 0 and swaps the new read model in, answering once it is live: after changing RELEASE_TARGET_HOURS or upgrading the engine.',
  })
  @ApiOkResponse({ type: KpiRebuildReportSchema, description: 'The rebuilt read model is live' })
  rebuild(): Promise<KpiRebuildReport> {
    return this.commands.execute(new RebuildKpiProjectionCommand());
  }
}
