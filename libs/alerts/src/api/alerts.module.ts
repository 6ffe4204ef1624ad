import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { KPI_COMMIT_OBSERVER, KPI_THRESHOLDS } from '@customs-pulse/kpi';
import { LiveHub } from '@customs-pulse/realtime';
import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { ALERT_PUBLISHER, type AlertPublisher, SILENT_ALERT_PUBLISHER } from '../journal/alert-publisher.port.js';
import { AlertJournal } from '../journal/alert-journal.js';
import { LiveHubAlertPublisher } from '../journal/live-hub-alert-publisher.js';
import { AlertRulesObserver } from '../observer/alert-rules-observer.js';
import { type AlertRuleSettings, DEFAULT_ALERT_RULE_SETTINGS } from '../rules/alert-rule-settings.js';
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
}

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
 * The alert lifecycle (kpis.md, "Alerts"): the rules, as the `KPI_COMMIT_OBSERVER` of the live KPI projection; the
 * thresholds in force, as `KPI_THRESHOLDS` for `GET /api/kpis`; and the endpoints of api.md. Needs `EVENT_STORE` and
 * `CLOCK`; pushes alert changes through the app's `LiveHub` when there is one.
 */
@Module({})
export class AlertsModule {
  static forRoot(options: AlertsModuleOptions = {}): DynamicModule {
    const settings: AlertRuleSettings = { ...DEFAULT_ALERT_RULE_SETTINGS, ...options.rules };
    return {
      module: AlertsModule,
      // Global, so that KpiModule finds KPI_COMMIT_OBSERVER and KPI_THRESHOLDS: it injects them optionally from its
      // own scope, which holds its imports and the global modules, never a sibling the app module imports.
      global: true,
      imports: [CqrsModule],
      controllers: options.http === false ? [] : [AlertsController, KpiThresholdsController],
      providers: [
        {
          provide: ALERT_PUBLISHER,
          inject: [{ token: LiveHub, optional: true }],
          useFactory: (hub?: LiveHub): AlertPublisher => (hub ? new LiveHubAlertPublisher(hub) : SILENT_ALERT_PUBLISHER),
        },
        {
          provide: AlertJournal,
          inject: [EVENT_STORE, ALERT_PUBLISHER],
          useFactory: (store: EventStore, publisher: AlertPublisher) => new AlertJournal({ store, publisher, logger: new Logger('Alerts') }),
        },
        {
          provide: AlertRulesObserver,
          inject: [AlertJournal, EVENT_STORE],
          useFactory: (journal: AlertJournal, store: EventStore) => new AlertRulesObserver({ journal, settings, log: store, logger: new Logger('AlertRules') }),
        },
        { provide: KPI_COMMIT_OBSERVER, useExisting: AlertRulesObserver },
        { provide: KPI_THRESHOLDS, useExisting: AlertJournal },
        AlertJournalLoad,
        ListAlertsHandler,
        AcknowledgeAlertHandler,
        ChangeKpiThresholdsHandler,
      ],
      exports: [KPI_COMMIT_OBSERVER, KPI_THRESHOLDS, AlertJournal],
    };
  }
}
