import type { CustomsPulseConfig } from '@customs-pulse/config';
import { AuthModule } from '@customs-pulse/auth';
import { CLOCK, systemClock } from '@customs-pulse/domain';
import { EventStoreModule } from '@customs-pulse/event-store';
import { HealthController, READINESS_CHECKS } from '@customs-pulse/http';
import { IngestModule, ingestQualityTallySettingsFor } from '@customs-pulse/ingest';
import { KpiModule, KpiProjectionReadiness } from '@customs-pulse/kpi/api';
import { RealtimeModule } from '@customs-pulse/realtime';
import { Global, Module, type DynamicModule } from '@nestjs/common';

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
class ClockModule {}

/** Everything in one process on the embedded SQLite store: the demo and single-site deployments. */
@Module({})
export class StandaloneModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string): DynamicModule {
    const kpiModule = KpiModule.forRoot({ readModel: config.kpi.readModel, releaseTargetHours: config.kpi.releaseTargetHours });
    return {
      module: StandaloneModule,
      imports: [
        ClockModule,
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot({ jwtSecret }),
        IngestModule.forRoot({
          reportingCurrency: config.reportingCurrency,
          ...(config.kafka ? { kafka: config.kafka } : {}),
          qualityTally: ingestQualityTallySettingsFor(config.eventStore),
        }),
        kpiModule,
        // The same object, so the gateway reads its snapshots from this app's one projection.
        RealtimeModule.forRoot({ kpis: kpiModule }),
      ],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, inject: [KpiProjectionReadiness], useFactory: (kpis: KpiProjectionReadiness) => [kpis] }],
    };
  }
}
