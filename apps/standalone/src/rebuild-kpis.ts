/**
 * `npm run kpi:rebuild`: replays the event store from position 0 into a fresh KPI read model and swaps it in, with
 * the app stopped. A running app holds the projection's lease, so this refuses then and names the way to do it there
 * (`POST /api/kpis/rebuild`, role admin).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@customs-pulse/config';
import { openEventStore } from '@customs-pulse/event-store/nest';
import { KpiProjection, SILENT_NOTIFIER, kpiEngineFactory } from '@customs-pulse/kpi';
import { openReadModelGenerations } from '@customs-pulse/kpi/api';
import { Logger } from '@nestjs/common';

const logger = new Logger('KpiRebuild');

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openEventStore(config.eventStore);
  try {
    const projection = new KpiProjection({
      source: store,
      generations: await openReadModelGenerations(config.kpi.readModel, logger),
      notifier: SILENT_NOTIFIER,
      logger,
      createEngine: kpiEngineFactory({ releaseTargetHours: config.kpi.releaseTargetHours }),
      heldSubjects: config.kpi.heldSubjects,
      heldBuckets: config.kpi.heldBuckets,
      epochEvents: config.kpi.epochEvents,
    });
    await projection.start();
    try {
      const report = await projection.rebuild();
      logger.log(`generation ${report.generation} is live at position ${report.position} (${report.durationMs} ms)`);
    } finally {
      await projection.stop();
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  logger.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
