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
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';

import { KpiProjection } from '../../projection/kpi-projection.js';
import { TargetJournal } from '../../targets/target-journal.js';
import { TargetPlanLoad } from '../../targets/target-plan-load.js';
import { SILENT_TARGET_PUBLISHER, type TargetPublisher } from '../../targets/target-publisher.port.js';
import { DEFAULT_TARGET_SETTINGS, type TargetSettings } from '../../targets/target-reading.js';
import { TargetWatch } from '../../targets/target-watch.js';
import { ListTargetsHandler } from './list-targets.query.js';
import { RetireTargetHandler } from './retire-target.command.js';
import { SetTargetHandler } from './set-target.command.js';
import { TargetPlanReadiness } from './target-plan-readiness.js';
import { TARGET_SETTINGS } from './target-settings.js';
import { TargetsController } from './targets.controller.js';

/** Options of {@link TargetsModule.forRoot}. */
export interface TargetsModuleOptions {
  /** The app's KPI module: the very `KpiModule.forRoot(...)` object it imports, whose projection the targets read. */
  readonly kpis: DynamicModule;
  /** `TARGET_WINDOW_DAYS` and `ALERT_MIN_OBSERVATIONS`. @defaultValue 30 and 20 */
  readonly settings?: Partial<TargetSettings>;
  /**
   * Where `target.updated` goes: the token of a {@link TargetPublisher} a module the app imports provides (the
   * `LiveHub` of `RealtimeModule`, the Kafka publisher of `KafkaKpiUpdatesModule.publisher`), or `null` where the
   * pushes come from elsewhere (a gateway: from the projector). Named by the app, so that a missing one fails the start.
   */
  readonly publisher: InjectionToken | null;
  /** Mount `GET`, `PUT` and `DELETE /api/targets`. @defaultValue true */
  readonly http?: boolean;
}

const TARGET_PUBLISHER = Symbol('TargetPublisher');

/**
 * Loads the plan as the app starts, without holding up its start, retrying while the store is out; starts and stops
 * the minute's judgement.
 */
@Injectable()
class TargetWatchLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(TargetPlanLoad) private readonly load: TargetPlanLoad,
    @Inject(TargetWatch) private readonly watch: TargetWatch,
  ) {}

  onApplicationBootstrap(): void {
    void this.load.start();
    this.watch.start();
  }

  beforeApplicationShutdown(): void {
    this.load.stop();
    this.watch.stop();
  }
}

/**
 * Strategic targets (targets-and-reports.md): the plan folded from `TargetSet` and `TargetRetired`, the endpoints, and
 * {@link TargetWatch}, which the app names among the KPI projection's commit observers, and {@link TargetPlanReadiness},
 * which the app names among its readiness checks. Needs `EVENT_STORE` and `CLOCK`, and the publisher it names.
 */
@Module({})
export class TargetsModule {
  static forRoot(options: TargetsModuleOptions): DynamicModule {
    const settings: TargetSettings = { ...DEFAULT_TARGET_SETTINGS, ...options.settings };
    const named = options.publisher;
    return {
      module: TargetsModule,
      // Global, so that KpiModule sees the TargetWatch the app names among its commit observers.
      global: true,
      imports: [CqrsModule, options.kpis],
      controllers: options.http === false ? [] : [TargetsController],
      providers: [
        { provide: TARGET_SETTINGS, useValue: settings },
        named === null
          ? { provide: TARGET_PUBLISHER, useValue: SILENT_TARGET_PUBLISHER }
          : {
              provide: TARGET_PUBLISHER,
              inject: [namedDependency(named)],
              useFactory: (found?: TargetPublisher) => requireProvided(found, 'TargetsModule', 'target publisher', named),
            },
        { provide: TargetJournal, inject: [EVENT_STORE], useFactory: (store: EventStore) => new TargetJournal({ store }) },
        { provide: TargetPlanLoad, inject: [TargetJournal], useFactory: (journal: TargetJournal) => new TargetPlanLoad({ journal, logger: new Logger('Targets') }) },
        { provide: TargetPlanReadiness, inject: [TargetPlanLoad], useFactory: (load: TargetPlanLoad) => new TargetPlanReadiness(load) },
        {
          provide: TargetWatch,
          inject: [TargetJournal, CLOCK, TARGET_PUBLISHER, ModuleRef],
          // The projection is looked up when first judged, not injected: it is built with this watch among its observers.
          useFactory: (journal: TargetJournal, clock: Clock, publisher: TargetPublisher, modules: ModuleRef) =>
            new TargetWatch({
              journal,
              live: () => modules.get(KpiProjection, { strict: false }).view(),
              clock,
              settings,
              publisher,
              logger: new Logger('Targets'),
            }),
        },
        TargetWatchLifecycle,
        SetTargetHandler,
        RetireTargetHandler,
        ListTargetsHandler,
      ],
      exports: [TargetWatch, TargetJournal, TargetPlanReadiness],
    };
  }
}
