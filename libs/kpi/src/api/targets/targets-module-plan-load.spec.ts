import { describe, expect, it } from '@jest/globals';
import { CLOCK } from '@customs-pulse/domain';
import { EVENT_STORE, EventStoreUnavailableError, type RecordedEvent } from '@customs-pulse/event-store';
import { waitUntil } from '@customs-pulse/testing';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { KpiAnswers } from '../../projection/kpi-answers.js';
import { type TargetDefinition } from '../../targets/strategic-target.js';
import { TargetJournal } from '../../targets/target-journal.js';
import { TargetPlanReadiness } from './target-plan-readiness.js';
import { TargetsModule } from './targets.module.js';

const PLAN: TargetDefinition = {
  objective: 'Faster releases',
  kpiId: 'release_time_mean',
  filters: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  target: 4,
  deadline: '2026-12-31',
  milestones: [],
};

/** A log holding one stored target whose first `outages` reads fail as a store outage does; counts its reads. */
function aLogOutAtStart(outages: number) {
  const stored = { type: 'TargetSet', subject: 'faster-releases', data: PLAN, position: 1, recordedAt: '2026-03-01T10:00:00.000Z' } as unknown as RecordedEvent;
  const log = {
    reads: 0,
    async readAllOfTypes(_types: readonly string[], after: number): Promise<RecordedEvent[]> {
      log.reads += 1;
      if (log.reads <= outages) throw new EventStoreUnavailableError('PostgreSQL event store is unreachable');
      return after === 0 ? [stored] : [];
    },
  };
  return log;
}

function appBasics(log: ReturnType<typeof aLogOutAtStart>) {
  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: log },
      { provide: CLOCK, useValue: { now: () => new Date('2026-03-03T12:00:00.000Z') } },
    ],
    exports: [EVENT_STORE, CLOCK],
  })
  class AppBasics {}
  return AppBasics;
}

/** What the app's KPI module would be: the targets read no KPI here. */
@Module({ providers: [{ provide: KpiAnswers, useValue: {} }], exports: [KpiAnswers] })
class NoKpis {}

describe('TargetsModule at start-up with the store out', () => {
  it('reads the plan once the store answers, with no target request, and is not ready until then', async () => {
    const log = aLogOutAtStart(2);
    const moduleRef = await Test.createTestingModule({
      imports: [appBasics(log), TargetsModule.forRoot({ kpis: { module: NoKpis }, publisher: null, http: false })],
    }).compile();
    const readiness = moduleRef.get(TargetPlanReadiness);
    const journal = moduleRef.get(TargetJournal);

    expect(readiness.name).toBe('targets');
    expect(readiness.check()).toEqual({ ready: false, loaded: false, consecutiveFailures: 0 });

    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await waitUntil('the first read failed', () => log.reads >= 1);
      expect(readiness.check()).toMatchObject({ ready: false, loaded: false });

      await waitUntil('the plan is read', () => readiness.check().ready);

      expect(readiness.check()).toEqual({ ready: true, loaded: true, consecutiveFailures: 0 });
      expect(log.reads).toBe(4); // two outages, the page holding the target, the empty page after it
      expect(journal.ledger.inForce().map(({ id }) => id)).toEqual(['faster-releases']);
    } finally {
      await app.close();
    }
  });

  it('reports the outage while it retries', async () => {
    const log = aLogOutAtStart(Infinity);
    const moduleRef = await Test.createTestingModule({
      imports: [appBasics(log), TargetsModule.forRoot({ kpis: { module: NoKpis }, publisher: null, http: false })],
    }).compile();
    const readiness = moduleRef.get(TargetPlanReadiness);
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await waitUntil('two reads failed', () => log.reads >= 2);

      expect(readiness.check()).toEqual({
        ready: false,
        loaded: false,
        consecutiveFailures: expect.any(Number),
        error: 'PostgreSQL event store is unreachable',
      });
      expect((readiness.check() as { consecutiveFailures: number }).consecutiveFailures).toBeGreaterThanOrEqual(1);
    } finally {
      await app.close();
    }
  });
});
