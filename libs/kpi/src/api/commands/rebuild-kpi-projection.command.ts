import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { KpiProjection, type KpiRebuildReport } from '../../projection/kpi-projection.js';

/** Replay the log from position 0 into a fresh read model and swap it in (issue 5). */
export class RebuildKpiProjectionCommand extends Command<KpiRebuildReport> {}

@CommandHandler(RebuildKpiProjectionCommand)
export class RebuildKpiProjectionHandler implements ICommandHandler<RebuildKpiProjectionCommand, KpiRebuildReport> {
  constructor(@Inject(KpiProjection) private readonly projection: KpiProjection) {}

  execute(): Promise<KpiRebuildReport> {
    return this.projection.rebuild();
  }
}
