import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { namedDependency, requireProvided } from '@customs-pulse/http';
import { Inject, Injectable, type InjectionToken, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { type JudgeCheckpointStore } from '../checkpoint/judge-checkpoint.port.js';
import { type AlertPublisher, SILENT_ALERT_PUBLISHER } from '../journal/alert-publisher.port.js';
import { AlertJournal } from '../journal/alert-journal.js';
import { AlertDeliveryObserver } from '../observer/alert-delivery-observer.js';
import { ALERT_RULES_METRICS, type AlertRulesMetrics } from '../observer/alert-rules-metrics.port.js';
import { AlertRulesObserver } from '../observer/alert-rules-observer.js';
import { type AlertRuleSettings, DEFAULT_ALERT_RULE_SETTINGS } from '../rules/alert-rule-settings.js';
import { AlertRulesReadiness } from './health/alert-rules-readiness.js';
import { AcknowledgeAlertHandler } from './commands/acknowledge-alert.command.js';
import { ChangeKpiThresholdsHandler } from './commands/change-kpi-thresholds.command.js';
import { AlertsController } from './http/alerts.controller.js';
import { KpiThresholdsController } from './http/kpi-thresholds.controller.js';
import { ListAlertsHandler } from './queries/list-alerts.query.js';

/** Options of {@link AlertsModule.forRoot}. */
export interface AlertsModuleOptions {
  /** `ALERT_MIN_OBSERVATIONS` and `SEIZURE_ALERT_VALUE`. @defaultValue kpis.md's: 20 and 100000 */
  readonly rules?: Partial<AlertRuleSettings>;
  /** Mount `GET /api/alerts`, `POST /api/alerts/:id/acknowledge` and `PUT /api/kpis/:id/thresholds`. @defaultValue true */
  readonly http?: boolean;
  /**
   * Where alert changes are pushed: the token of an {@link AlertPublisher} a module the app imports provides (the
   * `LiveHub` of `RealtimeModule`), or `null` in a process without live clients. Named by the app, so that a missing
   * one fails the start rather than silencing alert pushes.
   */
  readonly publisher: InjectionToken | null;
  /**
   * Opens the store of the judge's checkpoint (`openJudgeCheckpointStore` of `@customs-pulse/alerts/checkpoint`, beside
   * the KPI read model), in the app that judges (the projector, the standalone app); `null` in a gateway, which never
   * judges. Named by the app, so that this module loads no database driver.
   */
  readonly judgeCheckpoints: (() => Promise<JudgeCheckpointStore>) | null;
}

/** Dependency-injection token of the judge's checkpoint store. */
const JUDGE_CHECKPOINTS = Symbol('JudgeCheckpointStore');

/** What a process that does not judge gets: a judge asked to run there says why it cannot. */
const NO_JUDGE_CHECKPOINTS: JudgeCheckpointStore = {
  load: () => Promise.reject(new Error('this process does not judge alerts: AlertsModule.forRoot was given no judgeCheckpoints')),
  save: () => Promise.reject(new Error('this process does not judge alerts: AlertsModule.forRoot was given no judgeCheckpoints')),
  close: async () => undefined,
};

/** Closes the judge's checkpoint store once every module has stopped (the projection, which tells the judge, first). */
@Injectable()
class JudgeCheckpointsClose implements OnApplicationShutdown {
  constructor(@Inject(JUDGE_CHECKPOINTS) private readonly checkpoints: JudgeCheckpointStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.checkpoints.close();
  }
}

/** Dependency-injection token of the publisher the app named. */
const ALERT_PUBLISHER = Symbol('AlertPublisher');

/**
 * Starts reading the log's alert events as the app starts, without holding up its start (on a long log that read
 * takes a while): the rules and the alert endpoints wait for it, nothing else does. A failed read is tried again by
 * the first that needs it.
 */
@Injectable()
class AlertJournalLoad implements OnApplicationBootstrap {
  private readonly logger = new Logger('Alerts');

  constructor(@Inject(AlertJournal) private readonly journal: AlertJournal) {}

  onApplicationBootstrap(): void {
    this.journal.load().catch((error: unknown) => this.logger.warn(`reading the alert events failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/**
 * The alert lifecycle (kpis.md, "Alerts"): the rules ({@link AlertRulesObserver}, which the judging app, the
 * projector or the standalone one, names among the KPI projection's commit observers; a gateway names
 * {@link AlertDeliveryObserver} instead), the thresholds in force ({@link AlertJournal}, which the app names as the KPI
 * catalogue's thresholds) and the endpoints of api.md. Needs `EVENT_STORE` and `CLOCK`, and the publisher the app
 * names in its options.
 */
@Module({})
export class AlertsModule {
  static forRoot(options: AlertsModuleOptions): DynamicModule {
    const named = options.publisher;
    const settings: AlertRuleSettings = { ...DEFAULT_ALERT_RULE_SETTINGS, ...options.rules };
    return {
      module: AlertsModule,
      // Global, so that KpiModule sees the AlertRulesObserver and AlertJournal the app names in its listeners: its
      // scope holds its own imports and the global modules, never a sibling the app module imports.
      global: true,
      imports: [CqrsModule],
      controllers: options.http === false ? [] : [AlertsController, KpiThresholdsController],
      providers: [
        named === null
          ? { provide: ALERT_PUBLISHER, useValue: SILENT_ALERT_PUBLISHER }
          : {
              provide: ALERT_PUBLISHER,
              inject: [namedDependency(named)],
              useFactory: (found?: AlertPublisher) => requireProvided(found, 'AlertsModule', 'alert publisher', named),
            },
        {
          provide: AlertJournal,
          inject: [EVENT_STORE, ALERT_PUBLISHER],
          useFactory: (store: EventStore, publisher: AlertPublisher) => new AlertJournal({ store, publisher, logger: new Logger('Alerts') }),
        },
        { provide: JUDGE_CHECKPOINTS, useFactory: () => options.judgeCheckpoints?.() ?? NO_JUDGE_CHECKPOINTS },
        JudgeCheckpointsClose,
        {
          provide: AlertRulesObserver,
          inject: [AlertJournal, EVENT_STORE, JUDGE_CHECKPOINTS, { token: ALERT_RULES_METRICS, optional: true }],
          useFactory: (journal: AlertJournal, store: EventStore, checkpoints: JudgeCheckpointStore, metrics?: AlertRulesMetrics) =>
            new AlertRulesObserver({ journal, settings, log: store, checkpoints, logger: new Logger('AlertRules'), ...(metrics ? { metrics } : {}) }),
        },
        { provide: AlertRulesReadiness, inject: [AlertRulesObserver], useFactory: (judge: AlertRulesObserver) => new AlertRulesReadiness(judge) },
        { provide: AlertDeliveryObserver, inject: [AlertJournal], useFactory: (journal: AlertJournal) => new AlertDeliveryObserver(journal) },
        AlertJournalLoad,
        ListAlertsHandler,
        AcknowledgeAlertHandler,
        ChangeKpiThresholdsHandler,
      ],
      exports: [AlertRulesObserver, AlertRulesReadiness, AlertDeliveryObserver, AlertJournal],
    };
  }
}
