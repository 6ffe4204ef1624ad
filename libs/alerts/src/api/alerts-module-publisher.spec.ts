import { describe, expect, it } from '@jest/globals';
import { CLOCK } from '@customs-pulse/domain';
import { EVENT_STORE } from '@customs-pulse/event-store';
import { MissingProviderError } from '@customs-pulse/http';
import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { type AlertPublisher } from '../journal/alert-publisher.port.js';
import { AlertJournal } from '../journal/alert-journal.js';
import { AlertsModule } from './alerts.module.js';

@Injectable()
class RiskRoom implements AlertPublisher {
  publishAlert(): void {}
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useValue: {} },
    { provide: CLOCK, useValue: { now: () => new Date('2026-03-03T12:00:00.000Z') } },
  ],
  exports: [EVENT_STORE, CLOCK],
})
class AppBasics {}

@Global()
@Module({ providers: [RiskRoom], exports: [RiskRoom] })
class LivePush {}

describe('AlertsModule publisher', () => {
  it('fails the start, naming the publisher, when no imported module provides the one the app names', async () => {
    const started = Test.createTestingModule({ imports: [AppBasics, AlertsModule.forRoot({ publisher: RiskRoom, http: false, judgeCheckpoints: null })] }).compile();

    await expect(started).rejects.toThrow(MissingProviderError);
    await expect(started).rejects.toThrow('AlertsModule: its alert publisher RiskRoom is provided by no module the app imports');
  });

  it('publishes through the publisher the app names', async () => {
    const app = await Test.createTestingModule({ imports: [AppBasics, LivePush, AlertsModule.forRoot({ publisher: RiskRoom, http: false, judgeCheckpoints: null })] }).compile();

    expect((app.get(AlertJournal) as unknown as { publisher: unknown }).publisher).toBe(app.get(RiskRoom));
  });

  it('starts without a publisher when the app says there is none', async () => {
    const app = await Test.createTestingModule({ imports: [AppBasics, AlertsModule.forRoot({ publisher: null, http: false, judgeCheckpoints: null })] }).compile();

    expect(app.get(AlertJournal)).toBeInstanceOf(AlertJournal);
  });
});
