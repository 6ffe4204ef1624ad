import { CLOCK, type Clock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { RebuildKpiProjectionHandler } from './commands/rebuild-kpi-projection.command.js';
import { DeclarationsController } from './http/declarations.controller.js';
import { KpiProjectionReadiness } from './http/kpi-projection-readiness.js';
import { KpiRebuildController } from './http/kpi-rebuild.controller.js';
import { KpisController } from './http/kpis.controller.js';
import { QualityController } from './http/quality.controller.js';
import { GetCurrentKpisHandler } from './queries/get-current-kpis.query.js';
import { GetDeclarationHandler } from './queries/get-declaration.query.js';
import { GetKpiCatalogueHandler } from './queries/get-kpi-catalogue.query.js';
import { GetKpiCurrentHandler } from './queries/get-kpi-current.query.js';
import { GetKpiSeriesHandler } from './queries/get-kpi-series.query.js';
import { GetQualityHandler } from './queries/get-quality.query.js';
import { INGEST_QUALITY_READING } from './queries/ingest-quality-reading.port.js';
import { KpisAsOf } from '../as-of/kpis-as-of.js';
import { NOTIFIER, type Notifier, SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { kpiEngineFactory } from '../projection/kpi-engine-factory.js';
import { KPI_PROJECTION_METRICS, SILENT_KPI_PROJECTION_METRICS, type KpiProjectionMetrics } from '../projection/kpi-projection-metrics.port.js';
import { meteredReadModelGenerations } from '../projection/metered-read-model-generations.js';
import { KpiAnswers } from '../projection/kpi-answers.js';
import { KPI_COMMIT_OBSERVER, type KpiCommitObserver } from '../projection/kpi-commit-observer.port.js';
import { KpiProjection } from '../projection/kpi-projection.js';
import { KPI_READ_MODEL_GENERATIONS, type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import type { KpiReadModelSettings } from '../read-model/kpi-read-model-settings.js';
import { followReadModelGenerations, openReadModelGenerations } from '../read-model/open-read-model-generations.js';

/** Options of {@link KpiModule.forRoot}. */
export interface KpiModuleOptions {
  readonly readModel: KpiReadModelSettings;
  /**
   * The token of the app's ingest quality tally (libs/ingest's `INGEST_QUALITY_TALLY`), which `GET /api/quality`
   * reads as an `IngestQualityReading`. The app names it because libs/kpi does not depend on libs/ingest.
   */
  readonly ingestQuality: symbol;
  /** `RELEASE_TARGET_HOURS`. @defaultValue 24 */
  readonly releaseTargetHours?: number;
  /** Mount the KPI, declaration, quality and (for a projector) rebuild endpoints. @defaultValue true */
  readonly http?: boolean;
  /**
   * `projector`: owns the read model (takes its lease, writes it, publishes changes, tells the alert rules).
   * `follower`: a distributed gateway; starts from the projector's active generation and follows the log in memory,
   * publishing nothing (the projector's changes reach it over Kafka). It still tells `KPI_COMMIT_OBSERVER`: every
   * gateway judges the same batches into the same alert events, which the store keeps once, and pushes what its
   * alert journal folds to its own risk clients. @defaultValue 'projector'
   */
  readonly role?: 'projector' | 'follower';
}

/** Stops the projection before the event store closes (it closes on `onApplicationShutdown`). */
@Injectable()
class KpiProjectionShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(KpiProjection) private readonly projection: KpiProjection) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }
}

/**
 * The KPI projection and its queries. Needs `EVENT_STORE`, `CLOCK` and the ingest quality tally named by
 * `options.ingestQuality` (for `/api/quality`) from the app; publishes through `NOTIFIER` when the app provides one (the live gateway), else to nobody, and tells
 * `KPI_COMMIT_OBSERVER` (the alert rules) of each committed batch when one is provided. The projection starts with
 * the app: the read model is loaded before the app listens, catching up goes on behind it (readiness tells when).
 */
@Module({})
export class KpiModule {
  static forRoot(options: KpiModuleOptions): DynamicModule {
    const createEngine = kpiEngineFactory({ releaseTargetHours: options.releaseTargetHours ?? 24 });
    const follower = options.role === 'follower';
    const controllers = [KpisController, DeclarationsController, QualityController, ...(follower ? [] : [KpiRebuildController])];
    return {
      module: KpiModule,
      imports: [CqrsModule],
      controllers: options.http === false ? [] : controllers,
      providers: [
        {
          provide: KPI_READ_MODEL_GENERATIONS,
          inject: [{ token: KPI_PROJECTION_METRICS, optional: true }],
          useFactory: async (metrics: KpiProjectionMetrics = SILENT_KPI_PROJECTION_METRICS) =>
            meteredReadModelGenerations(
              await (follower ? followReadModelGenerations(options.readModel) : openReadModelGenerations(options.readModel)),
              metrics,
            ),
        },
        {
          provide: KpiProjection,
          inject: [
            EVENT_STORE,
            KPI_READ_MODEL_GENERATIONS,
            CLOCK,
            { token: NOTIFIER, optional: true },
            { token: KPI_COMMIT_OBSERVER, optional: true },
            { token: KPI_PROJECTION_METRICS, optional: true },
          ],
          useFactory: async (
            store: EventStore,
            generations: KpiReadModelGenerations,
            clock: Clock,
            notifier?: Notifier,
            observer?: KpiCommitObserver,
            metrics?: KpiProjectionMetrics,
          ) => {
            const projection = new KpiProjection({
              source: store,
              generations,
              notifier: follower ? SILENT_NOTIFIER : (notifier ?? SILENT_NOTIFIER),
              ...(observer ? { observer } : {}),
              logger: new Logger('KpiProjection'),
              createEngine,
              clock,
            });
            await projection.start();
            metrics?.follow(() => projection.view().position);
            return projection;
          },
        },
        { provide: KpisAsOf, inject: [EVENT_STORE], useFactory: (store: EventStore) => new KpisAsOf({ store, createEngine }) },
        {
          provide: KpiAnswers,
          inject: [KpiProjection, KpisAsOf, CLOCK],
          useFactory: (projection: KpiProjection, history: KpisAsOf, clock: Clock) => new KpiAnswers(projection, history, clock),
        },
        KpiProjectionShutdown,
        KpiProjectionReadiness,
        GetKpiCatalogueHandler,
        GetKpiSeriesHandler,
        GetKpiCurrentHandler,
        GetCurrentKpisHandler,
        GetDeclarationHandler,
        { provide: INGEST_QUALITY_READING, useExisting: options.ingestQuality },
        GetQualityHandler,
        RebuildKpiProjectionHandler,
      ],
      exports: [KpiProjection, KpiAnswers, KpiProjectionReadiness],
    };
  }
}
