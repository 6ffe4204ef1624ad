import { RequireRole } from '@customs-pulse/auth';
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

import { type KpiRebuildReport } from '../../projection/kpi-projection.js';
import { RebuildKpiProjectionCommand } from '../commands/rebuild-kpi-projection.command.js';

/**
 * `POST /api/kpis/rebuild` (role `admin`): rebuild the KPI read model from position 0 and swap it in, answering once
 * it is live. Not in api.md: an operator needs it after changing `RELEASE_TARGET_HOURS` or upgrading the engine, and
 * a running projection holds the read model's lease, so the offline command cannot do it then.
 */
@Controller('api/kpis/rebuild')
@RequireRole('admin')
export class KpiRebuildController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  rebuild(): Promise<KpiRebuildReport> {
    return this.commands.execute(new RebuildKpiProjectionCommand());
  }
}
