import { CLOCK, type Clock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { namedDependency, requireProvided } from '@customs-pulse/http';
import {
  Inject,
  Injectable,
  type InjectionToken,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type Provider,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { RebuildKpiProjectionHandler } from './commands/rebuild-kpi-projection.command.js';
import { DeclarationsController } from './http/declarations.controller.js';
import { KpiProjectionReadiness } from './http/kpi-projection-readiness.js';
import { KpiRebuildController } from './http/kpi-rebuild.controller.js';
import { KpisController } from './http/kpis.controller.js';
import { QualityController } from './http/quality.controller.js';
import { GetPmmReportHandler } from './reports/get-pmm-report.query.js';
import { GetTrsReportHandler } from './reports/get-trs-report.query.js';
import { ReportsController } from './reports/reports.controller.js';
import { GetCurrentKpisByOfficeHandler } from './queries/get-current-kpis-by-office.query.js';
import { GetCurrentKpisHandler } from './queries/get-current-kpis.query.js';
import { GetDeclarationHandler } from './queries/get-declaration.query.js';
import { GetKpiCatalogueHandler } from './queries/get-kpi-catalogue.query.js';
import { GetKpiCurrentHandler } from './queries/get-kpi-current.query.js';
import { GetKpiSeriesHandler } from './queries/get-kpi-series.query.js';
import { GetQualityHandler } from './queries/get-quality.query.js';
import { INGEST_QUALITY_READING } from './queries/ingest-quality-reading.port.js';
import { KpisAsOf } from '../as-of/kpis-as-of.js';
import { type Notifier, SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { kpiEngineFactory } from '../projection/kpi-engine-factory.js';
import { KPI_PROJECTION_METRICS, SILENT_KPI_PROJECTION_METRICS, type KpiProjectionMetrics } from '../projection/kpi-projection-metrics.port.js';
import { meteredReadModelGenerations } from '../projection/metered-read-model-generations.js';
import { KpiAnswers } from '../projection/kpi-answers.js';
import { type KpiCommitObserver } from '../projection/kpi-commit-observer.port.js';
import { KpiProjection } from '../projection/kpi-projection.js';
import { DEFAULT_HELD_BUCKETS, type HeldBucketsPolicy } from '../engine/bucket-horizons.js';
import { DEFAULT_HELD_SUBJECTS, type HeldSubjectsPolicy } from '../engine/held-subjects.js';
import { KPI_THRESHOLDS, type KpiThresholdsInForce } from '../thresholds/kpi-thresholds.port.js';
import { KPI_READ_MODEL_GENERATIONS, type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import type { KpiReadModelSettings } from '../read-model/kpi-read-model-settings.js';
import { mirrorReadModelGenerations, openReadModelGenerations } from '../read-model/open-read-model-generations.js';

/** Options of {@link KpiModule.forRoot} whatever the role. */
interface KpiModuleSettings {
  readonly readModel: KpiReadModelSettings;
  /**
   * The token of the app's ingest quality tally (libs/ingest's `INGEST_QUALITY_TALLY`), which `GET /api/quality`
   * reads as an `IngestQualityReading`. The app names it because libs/kpi does not depend on libs/ingest.
   */
  readonly ingestQuality: symbol;
  /** `RELEASE_TARGET_HOURS`. @defaultValue 24 */
  readonly releaseTargetHours?: number;
  /** `READY_MAX_LAG_SECONDS`: readiness is false while the projection lags more than this. @defaultValue 60 */
  readonly readyMaxLagSeconds?: number;
  /**
   * `OPEN_MAX_DAYS` and `CLOSED_CACHE_SIZE`: the declarations and cases the projection keeps in memory, when its read
   * model can give the others back, as a follower's mirror of the projector's can. @defaultValue `DEFAULT_HELD_SUBJECTS`
   */
  readonly heldSubjects?: HeldSubjectsPolicy;
  /**
   * `HOURLY_BUCKETS_DAYS` and `DAILY_BUCKETS_DAYS`: the buckets the projection keeps in memory, when its read model can
   * give the others back. @defaultValue `DEFAULT_HELD_BUCKETS`
   */
  readonly heldBuckets?: HeldBucketsPolicy;
  /** `AS_OF_EPOCH_EVENTS`: the events between two epochs of the read model's history. @defaultValue `DEFAULT_EPOCH_EVENTS` */
  readonly epochEvents?: number;
  /** Mount the KPI, declaration, quality and (for a projector) rebuild endpoints. @defaultValue true */
  readonly http?: boolean;
  /**
   * The {@link KpiCommitObserver}s told of each batch the live projection commits, in this order, after the
   * notifier: tokens that modules the app imports provide (AlertsModule's `AlertRulesObserver`, which judges the
   * alert rules). A follower tells them too, but a gateway names `AlertDeliveryObserver`, which only pushes the alert
   * events the projector stored: the projector or the standalone app is the one judge.
   */
  readonly commitObservers: readonly InjectionToken[];
  /** The {@link KpiThresholdsInForce} `GET /api/kpis` shows: a token a module the app imports provides (AlertsModule's `AlertJournal`). */
  readonly thresholds: InjectionToken;
}

/**
 * Options of {@link KpiModule.forRoot}. The app names every listener of the projection here, by the token some module
 * it imports provides; one that no module provides fails the start with `MissingProviderError`, so that pushes and
 * alerts never stop silently because a module was left out.
 */
export type KpiModuleOptions = KpiModuleSettings &
  (
    | {
        /** Owns the read model: takes its lease, writes it, publishes changes, tells the observers. @defaultValue 'projector' */
        readonly role?: 'projector';
        /**
         * Where committed changes are published: a {@link Notifier} token that a module the app imports provides
         * (RealtimeModule's `InProcessNotifier`, `KafkaKpiUpdatesModule.publisher`'s `KafkaKpiUpdatePublisher`).
         */
        readonly notifier: InjectionToken;
      }
    | {
        /**
         * A distributed gateway: mirrors the projector's active generation (its hot state, then the rows each commit
         * stores; `KpiMirror`), publishing nothing (the projector's changes reach it over Kafka), so it has no notifier.
         */
        readonly role: 'follower';
      }
  );

/** The listeners the app named, once found. */
const KPI_NOTIFIER = Symbol('KpiNotifier');
const KPI_COMMIT_OBSERVERS = Symbol('KpiCommitObservers');

/** The providers of the listeners `options` names, each failing the start when no module provides it. */
function namedListeners(options: KpiModuleOptions): Provider[] {
  const { commitObservers, thresholds } = options;
  return [
    options.role === 'follower'
      ? { provide: KPI_NOTIFIER, useValue: SILENT_NOTIFIER }
      : {
          provide: KPI_NOTIFIER,
          inject: [namedDependency(options.notifier)],
          useFactory: (found?: Notifier) => requireProvided(found, 'KpiModule', 'notifier', options.notifier),
        },
    {
      provide: KPI_COMMIT_OBSERVERS,
      inject: commitObservers.map(namedDependency),
      useFactory: (...found: (KpiCommitObserver | undefined)[]) =>
        found.map((observer, index) => requireProvided(observer, 'KpiModule', 'commit observer', commitObservers[index]!)),
    },
    {
      provide: KPI_THRESHOLDS,
      inject: [namedDependency(thresholds)],
      useFactory: (found?: KpiThresholdsInForce) => requireProvided(found, 'KpiModule', 'thresholds in force', thresholds),
    },
  ];
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
 * `options.ingestQuality` (for `/api/quality`) from the app, and the notifier, commit observers and thresholds it
 * names in {@link KpiModuleOptions}. The projection starts with the app: the read model is loaded before the app
 * listens, catching up goes on behind it (readiness tells when).
 */
@Module({})
export class KpiModule {
  static forRoot(options: KpiModuleOptions): DynamicModule {
    const createEngine = kpiEngineFactory({ releaseTargetHours: options.releaseTargetHours ?? 24 });
    const follower = options.role === 'follower';
    const controllers = [KpisController, DeclarationsController, QualityController, ReportsController, ...(follower ? [] : [KpiRebuildController])];
    return {
      module: KpiModule,
      imports: [CqrsModule],
      controllers: options.http === false ? [] : controllers,
      providers: [
        ...namedListeners(options),
        {
          provide: KPI_READ_MODEL_GENERATIONS,
          inject: [{ token: KPI_PROJECTION_METRICS, optional: true }],
          useFactory: async (metrics: KpiProjectionMetrics = SILENT_KPI_PROJECTION_METRICS) =>
            meteredReadModelGenerations(
              await (follower ? mirrorReadModelGenerations(options.readModel) : openReadModelGenerations(options.readModel, new Logger('KpiReadModel'))),
              metrics,
            ),
        },
        {
          provide: KpiProjection,
          inject: [
            EVENT_STORE,
            KPI_READ_MODEL_GENERATIONS,
            CLOCK,
            KPI_NOTIFIER,
            KPI_COMMIT_OBSERVERS,
            { token: KPI_PROJECTION_METRICS, optional: true },
          ],
          useFactory: async (
            store: EventStore,
            generations: KpiReadModelGenerations,
            clock: Clock,
            notifier: Notifier,
            observers: readonly KpiCommitObserver[],
            metrics?: KpiProjectionMetrics,
          ) => {
            const projection = new KpiProjection({
              source: store,
              generations,
              notifier,
              observers,
              logger: new Logger('KpiProjection'),
              createEngine,
              clock,
              heldSubjects: options.heldSubjects ?? DEFAULT_HELD_SUBJECTS,
              heldBuckets: options.heldBuckets ?? DEFAULT_HELD_BUCKETS,
              ...(options.epochEvents === undefined ? {} : { epochEvents: options.epochEvents }),
              ...(metrics ? { metrics } : {}),
            });
            await projection.start();
            metrics?.follow(() => projection.appliedPosition);
            metrics?.followMemory(() => projection.heldSubjects());
            return projection;
          },
        },
        {
          provide: KpisAsOf,
          inject: [EVENT_STORE, KpiProjection],
          useFactory: (store: EventStore, projection: KpiProjection) =>
            new KpisAsOf({ store, createEngine, history: () => projection.history(), heldSubjects: options.heldSubjects ?? DEFAULT_HELD_SUBJECTS }),
        },
        {
          provide: KpiAnswers,
          inject: [KpiProjection, KpisAsOf, CLOCK],
          useFactory: (projection: KpiProjection, history: KpisAsOf, clock: Clock) => new KpiAnswers(projection, history, clock),
        },
        KpiProjectionShutdown,
        {
          provide: KpiProjectionReadiness,
          inject: [KpiProjection, EVENT_STORE, CLOCK],
          useFactory: (projection: KpiProjection, store: EventStore, clock: Clock) =>
            new KpiProjectionReadiness(projection, store, clock, options.readyMaxLagSeconds ?? 60),
        },
        GetKpiCatalogueHandler,
        GetKpiSeriesHandler,
        GetKpiCurrentHandler,
        GetCurrentKpisHandler,
        GetCurrentKpisByOfficeHandler,
        GetDeclarationHandler,
        { provide: INGEST_QUALITY_READING, useExisting: options.ingestQuality },
        GetQualityHandler,
        GetTrsReportHandler,
        GetPmmReportHandler,
        RebuildKpiProjectionHandler,
      ],
      exports: [KpiProjection, KpiAnswers, KpiProjectionReadiness],
    };
  }
}
