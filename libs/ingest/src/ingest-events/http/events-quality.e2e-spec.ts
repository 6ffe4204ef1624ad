import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthModule } from '@customs-pulse/auth';
import { CLOCK, systemClock } from '@customs-pulse/domain';
import { EventStoreModule } from '@customs-pulse/event-store/nest';
import { type EventStoreSettings } from '@customs-pulse/event-store';
import { anEvent } from '@customs-pulse/testing';
import { type AppUnderTest, startAppForTest } from '@customs-pulse/testing/app';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { SqliteIngestQualityTally } from '../../ingest-quality/adapters/sqlite/sqlite-ingest-quality-tally.js';
import { IngestQualityRecorder } from '../../ingest-quality/ingest-quality-recorder.js';
import { ingestQualityTallySettingsFor, INGEST_QUALITY_FILE_NAME } from '../../ingest-quality/ingest-quality-tally-settings.js';
import { INGEST_QUALITY_TALLY, type IngestQualitySummary, type IngestQualityTally } from '../../ingest-quality/ingest-quality-tally.port.js';
import { IngestModule } from '../../ingest.module.js';

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
class ClockModule {}

/** Ingest over HTTP as an app wires it, with its quality tally beside the SQLite store. */
@Module({})
class IngestHttpApp {
  static forRoot(dataDir: string, jwtSecret: string): DynamicModule {
    const eventStore: EventStoreSettings = { adapter: 'sqlite', file: join(dataDir, 'events.sqlite') };
    return {
      module: IngestHttpApp,
      imports: [
        ClockModule,
        EventStoreModule.forRoot(eventStore),
        AuthModule.forRoot({ jwtSecret }),
        IngestModule.forRoot({ reportingCurrency: 'USD', qualityTally: ingestQualityTallySettingsFor(eventStore) }),
      ],
    };
  }
}

let ingestApp: AppUnderTest;

beforeAll(async () => {
  ingestApp = await startAppForTest({ name: 'quality-e2e', rootModule: (dataDir, jwtSecret) => IngestHttpApp.forRoot(dataDir, jwtSecret) });
});

afterAll(() => ingestApp?.close());

async function post(batch: unknown[]): Promise<{ accepted: number; duplicates: number; rejected: unknown[] }> {
  const response = await fetch(`${ingestApp.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestApp.tokens.ingest}` },
    body: JSON.stringify(batch),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
}

const aMinuteAgo = (): string => new Date(Date.now() - 60_000).toISOString();
const inAnHour = (): string => new Date(Date.now() + 3_600_000).toISOString();

/** Both batches of the first test, as the tally should count them. */
const expectedTally: IngestQualitySummary = {
  rejected: {
    total: 5,
    byReason: [
      { reason: 'data.lane: must be one of GREEN, YELLOW, RED, BLUE', count: 2 },
      { reason: 'id: (source, id) is already stored with different content', count: 1 },
      { reason: 'must be a JSON object', count: 1 },
      { reason: 'time: must be at most 5 minutes ahead of the server clock', count: 1 },
    ],
  },
  duplicates: 2,
};

describe('POST /api/events and the ingest quality tally', () => {
  it('tallies the rejects of each batch by reason, and its duplicates, for GET /api/quality', async () => {
    const first = anEvent.goodsArrived('DEC-Q-1', {}, { time: aMinuteAgo() });
    const second = anEvent.goodsArrived('DEC-Q-2', {}, { time: aMinuteAgo() });
    const badLane = (subject: string) => anEvent.laneAssigned(subject, { lane: 'PURPLE' }, { time: aMinuteAgo() });
    const conflicting = { ...first, data: { ...(first.data as object), officeId: 'UZ-OTHER' } };

    const firstBatch = await post([first, badLane('DEC-Q-3'), 42, anEvent.goodsArrived('DEC-Q-4', {}, { time: inAnHour() }), second]);
    const secondBatch = await post([first, second, conflicting, badLane('DEC-Q-5')]);
    await ingestApp.app.get(IngestQualityRecorder).flush();

    expect([firstBatch.rejected.length, secondBatch.duplicates, secondBatch.rejected.length]).toEqual([3, 2, 2]);
    const tally = ingestApp.app.get<IngestQualityTally>(INGEST_QUALITY_TALLY);
    expect(await tally.read()).toEqual(expectedTally);
  });

  it('keeps the tally in a file of its own next to the event store, written at the latest when the app stops', async () => {
    await post([anEvent.laneAssigned('DEC-Q-6', { lane: 'PURPLE' }, { time: aMinuteAgo() })]);

    await ingestApp.stop();

    const reopened = SqliteIngestQualityTally.open({ file: join(ingestApp.dataDir, INGEST_QUALITY_FILE_NAME) });
    const summary = await reopened.read();
    await reopened.close();
    expect(summary.rejected.total).toBe(expectedTally.rejected.total + 1);
    expect(summary.rejected.byReason[0]).toEqual({ reason: 'data.lane: must be one of GREEN, YELLOW, RED, BLUE', count: 3 });
    expect(summary.duplicates).toBe(expectedTally.duplicates);
  });
});
