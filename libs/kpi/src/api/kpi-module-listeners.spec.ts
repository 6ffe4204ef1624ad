import { describe, expect, it } from '@jest/globals';
import { CLOCK } from '@customs-pulse/domain';
import { EVENT_STORE } from '@customs-pulse/event-store';
import { MissingProviderError } from '@customs-pulse/http';
import { Global, Injectable, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { type Notifier } from '../notifier/notifier.port.js';
import { type KpiCommitObserver } from '../projection/kpi-commit-observer.port.js';
import { KPI_READ_MODEL_GENERATIONS } from '../read-model/read-model-generations.port.js';
import { type KpiThresholdsInForce } from '../thresholds/kpi-thresholds.port.js';
import { KpiModule, type KpiModuleOptions } from './kpi.module.js';

@Injectable()
class LiveNotifier implements Notifier {
  async publishKpiUpdates(): Promise<void> {}
}

@Injectable()
class AlertRules implements KpiCommitObserver {
  async committed(): Promise<void> {}
}

@Injectable()
class ThresholdsInForce implements KpiThresholdsInForce {
  async thresholdsOf(): Promise<null> {
    return null;
  }
}

/** The app's ingest quality tally, which the app names for `/api/quality` (libs/kpi knows no libs/ingest). */
const INGEST_QUALITY_TALLY = Symbol('IngestQualityTally');

/** What every app gives KpiModule; none of it is used before the listeners are found. */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useValue: {} },
    { provide: CLOCK, useValue: { now: () => new Date('2026-03-03T12:00:00.000Z') } },
    { provide: INGEST_QUALITY_TALLY, useValue: {} },
  ],
  exports: [EVENT_STORE, CLOCK, INGEST_QUALITY_TALLY],
})
class AppBasics {}

/** A global module providing `provider`, as RealtimeModule and AlertsModule provide the listeners apps name. */
function providing(provider: Type): DynamicModule {
  return { module: class {}, global: true, providers: [provider], exports: [provider] };
}

const LISTENERS = { notifier: LiveNotifier, commitObservers: [AlertRules], thresholds: ThresholdsInForce, ingestQuality: INGEST_QUALITY_TALLY };

/** Starts KpiModule with `options` beside `modules`; its read model never loads, so no projection runs. */
async function start(options: Partial<KpiModuleOptions>, ...modules: DynamicModule[]): Promise<unknown> {
  const kpis = KpiModule.forRoot({ readModel: { adapter: 'sqlite', directory: 'never-opened' }, http: false, ...LISTENERS, ...options } as KpiModuleOptions);
  return Test.createTestingModule({ imports: [AppBasics, ...modules, kpis] })
    .overrideProvider(KPI_READ_MODEL_GENERATIONS)
    .useValue({ active: () => new Promise(() => undefined) })
    .compile();
}

describe('KpiModule listeners', () => {
  it('fails the start, naming the notifier, when no imported module provides the notifier the app names', async () => {
    const started = start({}, providing(AlertRules), providing(ThresholdsInForce));

    await expect(started).rejects.toThrow(MissingProviderError);
    await expect(started).rejects.toThrow('KpiModule: its notifier LiveNotifier is provided by no module the app imports');
  });

  it('fails the start, naming the observer, when no imported module provides a commit observer the app names', async () => {
    const started = start({}, providing(LiveNotifier), providing(ThresholdsInForce));

    await expect(started).rejects.toThrow('KpiModule: its commit observer AlertRules is provided by no module the app imports');
  });

  it('fails the start of a follower too, which has no notifier, when its commit observer is missing', async () => {
    const started = start({ role: 'follower', notifier: undefined } as Partial<KpiModuleOptions>, providing(ThresholdsInForce));

    await expect(started).rejects.toThrow('KpiModule: its commit observer AlertRules is provided by no module the app imports');
  });

  it('fails the start, naming them, when no imported module provides the thresholds in force the app names', async () => {
    const started = start({}, providing(LiveNotifier), providing(AlertRules));

    await expect(started).rejects.toThrow('KpiModule: its thresholds in force ThresholdsInForce is provided by no module the app imports');
  });
});
