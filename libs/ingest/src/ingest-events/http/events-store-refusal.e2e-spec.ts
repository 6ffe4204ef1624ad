import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthModule } from '@customs-pulse/auth';
import { CLOCK, systemClock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore, type EventStoreSettings } from '@customs-pulse/event-store';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { anEvent } from '@customs-pulse/testing';
import { type AppUnderTest, startAppForTest } from '@customs-pulse/testing/app';
import { FaultyEventStore, storedEvents } from '@customs-pulse/testing/kafka';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { IngestQualityRecorder } from '../../ingest-quality/ingest-quality-recorder.js';
import { ingestQualityTallySettingsFor } from '../../ingest-quality/ingest-quality-tally-settings.js';
import { INGEST_QUALITY_TALLY, type IngestQualityTally } from '../../ingest-quality/ingest-quality-tally.port.js';
import { IngestModule } from '../../ingest.module.js';

/** What PostgreSQL says of a NUL; here the store says it of an office that validation accepts, to get past validation. */
const REFUSAL = { field: 'data.officeId', reason: 'holds U+0000 (NUL), which PostgreSQL text and JSON cannot hold' };

@Injectable()
class StoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Ingest over HTTP on a SQLite store that cannot hold events of the office `OFFICE-REFUSED`. */
@Global()
@Module({})
class RefusingStoreApp {
  static forRoot(dataDir: string, jwtSecret: string): DynamicModule {
    const eventStore: EventStoreSettings = { adapter: 'sqlite', file: join(dataDir, 'events.sqlite') };
    const refuse = (event: { data: Readonly<Record<string, unknown>> }) => (event.data['officeId'] === 'OFFICE-REFUSED' ? REFUSAL : undefined);
    return {
      module: RefusingStoreApp,
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: EVENT_STORE, useFactory: () => new FaultyEventStore(SqliteEventStore.open({ file: eventStore.file }), { refuse }) },
        StoreShutdown,
      ],
      exports: [CLOCK, EVENT_STORE],
      imports: [
        AuthModule.forRoot({ jwtSecret }),
        IngestModule.forRoot({ reportingCurrency: 'USD', qualityTally: ingestQualityTallySettingsFor(eventStore) }),
      ],
    };
  }
}

let ingestApp: AppUnderTest;

beforeAll(async () => {
  ingestApp = await startAppForTest({ name: 'store-refusal-e2e', rootModule: (dataDir, jwtSecret) => RefusingStoreApp.forRoot(dataDir, jwtSecret) });
});

afterAll(() => ingestApp?.close());

describe('POST /api/events when the store cannot hold one event', () => {
  it("answers 200 with that event rejected for the store's reason, stores the others, and tallies it", async () => {
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString();
    const [before, refused, after] = ['OFFICE-01', 'OFFICE-REFUSED', 'OFFICE-02'].map((officeId, i) =>
      anEvent.goodsArrived(`DEC-R-${i}`, { officeId }, { time: aMinuteAgo }),
    );

    const response = await fetch(`${ingestApp.baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestApp.tokens.ingest}` },
      body: JSON.stringify([before, refused, after]),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 1, id: refused!['id'], errors: [{ path: REFUSAL.field, message: REFUSAL.reason }] }],
    });
    const store = ingestApp.app.get<EventStore>(EVENT_STORE);
    expect((await storedEvents(store)).map((event) => event.subject)).toEqual(['DEC-R-0', 'DEC-R-2']);
    await ingestApp.app.get(IngestQualityRecorder).flush();
    expect((await ingestApp.app.get<IngestQualityTally>(INGEST_QUALITY_TALLY).read()).rejected).toEqual({
      total: 1,
      byReason: [{ reason: `${REFUSAL.field}: ${REFUSAL.reason}`, count: 1 }],
    });
  });
});
