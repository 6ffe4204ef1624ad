import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { EventStore, LogHead, RecordedEvent, SubscribeOptions } from '@customs-pulse/event-store';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { parsePrometheusText, sampleValue } from '@customs-pulse/http';
import { waitUntil } from '@customs-pulse/testing';
import { Registry } from 'prom-client';

import { KpiProjectionReadiness } from '../api/http/kpi-projection-readiness.js';
import { PrometheusProjectionMetrics } from '../api/metrics/prometheus-projection-metrics.js';
import { SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { SqliteKpiReadModelGenerations } from '../read-model/sqlite/sqlite-kpi-read-model-generations.js';
import { KpiProjection } from './kpi-projection.js';
import { canonical, cleanRebuild, storeRealisticHistory } from './testing/stored-history.js';

const SILENT = { log: () => undefined, warn: () => undefined, error: () => undefined };
const SYSTEM_CLOCK = { now: () => new Date() };

/**
 * The reads of a real store failing while `down`, as during a failover or a restart of the server: its head, its
 * reads and every batch its subscriptions would hand over throw; appends still reach the store behind.
 */
class ReadOutage implements Pick<EventStore, 'head' | 'readAll' | 'readAllOfTypes' | 'subscribeAll'> {
  down = false;
  failedReads = 0;

  constructor(private readonly store: EventStore) {}

  async head(): Promise<LogHead> {
    this.fail();
    return this.store.head();
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    this.fail();
    return this.store.readAll(afterPosition, limit);
  }

  async readAllOfTypes(types: readonly string[], afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    this.fail();
    return this.store.readAllOfTypes(types, afterPosition, limit);
  }

  async *subscribeAll(afterPosition: number, options?: SubscribeOptions): AsyncGenerator<readonly RecordedEvent[]> {
    for await (const batch of this.store.subscribeAll(afterPosition, options)) {
      this.fail();
      yield batch;
    }
  }

  private fail(): void {
    if (!this.down) return;
    this.failedReads += 1;
    throw new Error('connection terminated unexpectedly');
  }
}

describe('KpiProjection when the store cannot be read', () => {
  let folder: string;
  let store: SqliteEventStore;
  let projection: KpiProjection | null = null;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-store-outage-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
  });

  afterEach(async () => {
    await projection?.stop();
    projection = null;
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('retries failed reads with backoff, is not ready meanwhile, shows it in metrics, then catches up to a clean rebuild', async () => {
    await storeRealisticHistory(store, 20261206, 60);
    const source = new ReadOutage(store);
    const registry = new Registry();
    const metrics = new PrometheusProjectionMetrics(registry, source, SYSTEM_CLOCK, SILENT);
    projection = new KpiProjection({
      source,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier: SILENT_NOTIFIER,
      logger: SILENT,
      batchSize: 25,
      retry: { initialMs: 10, maxMs: 200 },
      metrics,
    });
    const live = projection;
    const readiness = new KpiProjectionReadiness(live, source, SYSTEM_CLOCK, 60);
    await live.start();
    await live.caughtUp;
    metrics.follow(() => live.view().position);
    expect(await readiness.check()).toMatchObject({ ready: true, failing: false, lagSeconds: 0 });

    source.down = true;
    await storeRealisticHistory(store, 20261207, 60);
    await waitUntil('the projection has failed to read several times in a row', () => (live.failure?.consecutive ?? 0) >= 3);
    const duringOutage = await readiness.check();
    const failingFigures = parsePrometheusText(await registry.metrics());

    const healedAt = performance.now();
    source.down = false;
    const head = (await store.head()).position;
    await waitUntil('the projection has applied the whole log', () => live.view().position === head);
    await waitUntil('the projection is ready again', async () => (await readiness.check()).ready);
    const recoveryMs = performance.now() - healedAt;
    const healedFigures = parsePrometheusText(await registry.metrics());

    expect(duringOutage).toMatchObject({ ready: false, failing: true, error: 'connection terminated unexpectedly' });
    expect(sampleValue(failingFigures, 'customs_pulse_kpi_projection_consecutive_failures', { projector: 'live' })).toBeGreaterThanOrEqual(3);
    expect(sampleValue(healedFigures, 'customs_pulse_kpi_projection_failed_attempts_total', { projector: 'live' })).toBeGreaterThanOrEqual(3);
    expect(sampleValue(healedFigures, 'customs_pulse_kpi_projection_consecutive_failures', { projector: 'live' })).toBe(0);
    expect(live.failure).toBeNull();
    expect(canonical(live.view().engine.toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
    // The backoff is capped at 200 ms here: the projection resumes within a few waits of the store answering.
    expect(recoveryMs).toBeLessThan(5_000);
  });
});
