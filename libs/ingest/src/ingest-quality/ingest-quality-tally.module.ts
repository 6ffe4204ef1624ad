import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { InMemoryIngestQualityTally } from './adapters/memory/in-memory-ingest-quality-tally.js';
import { PostgresIngestQualityTally } from './adapters/postgres/postgres-ingest-quality-tally.js';
import { SqliteIngestQualityTally } from './adapters/sqlite/sqlite-ingest-quality-tally.js';
import { IngestQualityRecorder, type IngestQualityRecorderOptions } from './ingest-quality-recorder.js';
import type { IngestQualityTallySettings } from './ingest-quality-tally-settings.js';
import { INGEST_QUALITY_TALLY, type IngestQualityTally } from './ingest-quality-tally.port.js';

/**
 * Provides `INGEST_QUALITY_TALLY` to the whole app, for ingest to write and a `GET /api/quality` query to read,
 * and the {@link IngestQualityRecorder} that writes it and closes it at shutdown. `IngestModule.forRoot` imports
 * it; an app that serves `/api/quality` without ingesting (a gateway) imports it alone.
 */
@Module({})
export class IngestQualityTallyModule {
  static forRoot(settings: IngestQualityTallySettings, options: IngestQualityRecorderOptions = {}): DynamicModule {
    return {
      module: IngestQualityTallyModule,
      global: true,
      providers: [
        { provide: INGEST_QUALITY_TALLY, useFactory: () => openIngestQualityTally(settings) },
        {
          provide: IngestQualityRecorder,
          inject: [INGEST_QUALITY_TALLY],
          useFactory: (tally: IngestQualityTally) => new IngestQualityRecorder(tally, options),
        },
      ],
      exports: [INGEST_QUALITY_TALLY, IngestQualityRecorder],
    };
  }
}

/** Opens the configured adapter, migrating its schema. */
export async function openIngestQualityTally(settings: IngestQualityTallySettings): Promise<IngestQualityTally> {
  switch (settings.adapter) {
    case 'sqlite':
      return SqliteIngestQualityTally.open({ file: settings.file });
    case 'postgres':
      return PostgresIngestQualityTally.open({
        connectionString: settings.connectionString,
        ...(settings.schema === undefined ? {} : { schema: settings.schema }),
      });
    case 'memory':
      new Logger('IngestQuality').log('rejects and duplicates are tallied in memory: counts restart from zero with the process');
      return new InMemoryIngestQualityTally();
  }
}
