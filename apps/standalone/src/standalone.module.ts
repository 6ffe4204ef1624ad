import type { CustomsPulseConfig } from '@customs-pulse/config';
import { AuthModule } from '@customs-pulse/auth';
import { CLOCK, systemClock } from '@customs-pulse/domain';
import { EventStoreModule } from '@customs-pulse/event-store';
import { HealthController } from '@customs-pulse/http';
import { IngestModule } from '@customs-pulse/ingest';
import { Global, Module, type DynamicModule } from '@nestjs/common';

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
class ClockModule {}

/** Everything in one process on the embedded SQLite store: the demo and single-site deployments. */
@Module({})
export class StandaloneModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        ClockModule,
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot({ jwtSecret }),
        IngestModule.forRoot({
          reportingCurrency: config.reportingCurrency,
          ...(config.kafka ? { kafka: config.kafka } : {}),
        }),
      ],
      controllers: [HealthController],
    };
  }
}
