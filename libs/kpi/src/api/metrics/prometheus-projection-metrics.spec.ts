import { describe, expect, it } from '@jest/globals';
import type { LogHead, RecordedEvent } from '@customs-pulse/event-store';
import type { KpiProjectionMetrics } from '../../projection/kpi-projection-metrics.port.js';
import { Registry } from 'prom-client';
import { PrometheusProjectionMetrics } from './prometheus-projection-metrics.js';
import { parsePrometheusText, sampleValue } from '@customs-pulse/http';

/** A log in memory whose events were each stored one second after the one before, from 08:00:00. */
class FakeLog {
  length = 0;
  outage: Error | null = null;
  reads = 0;

  async head(): Promise<LogHead> {
    this.reads += 1;
    if (this.outage) throw this.outage;
    return { position: this.length, hash: 'h', recordedAt: this.length === 0 ? null : recordedAt(this.length) };
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const positions = Array.from({ length: Math.max(0, Math.min(limit, this.length - after)) }, (_, index) => after + 1 + index);
    return positions.map((position) => ({ position, recordedAt: recordedAt(position) }) as RecordedEvent);
  }
}

const recordedAt = (position: number): string => new Date(Date.UTC(2026, 2, 1, 8, 0, position)).toISOString();

function anAdapter(now = '2026-03-01T08:01:00.000Z') {
  const registry = new Registry();
  const log = new FakeLog();
  const warnings: string[] = [];
  const logger = { log: () => undefined, warn: (message: string) => warnings.push(message), error: () => undefined };
  // Typed as libs/kpi's port: the adapter is bound to its token, so it must fit it.
  const metrics: KpiProjectionMetrics = new PrometheusProjectionMetrics(registry, log, { now: () => new Date(now) }, logger);
  let applied = 0;
  const scrape = async () => parsePrometheusText(await registry.metrics());
  return { metrics, log, warnings, scrape, apply: (position: number) => (applied = position), applied: () => applied };
}

/** An adapter following a projection that has applied `applied` of a log of `head` events. */
function following(head: number, applied: number) {
  const adapter = anAdapter();
  adapter.log.length = head;
  adapter.apply(applied);
  adapter.metrics.follow(adapter.applied);
  return adapter;
}

describe('PrometheusProjectionMetrics', () => {
  it('reads the head, the applied position and the lag when scraped', async () => {
    const exposition = await following(50, 42).scrape();

    expect(sampleValue(exposition, 'customs_pulse_event_store_head_position')).toBe(50);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_applied_position')).toBe(42);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_lag_events')).toBe(8);
    // Event 43 was stored at 08:00:43; the scrape is at 08:01:00.
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_lag_seconds')).toBe(17);
    expect(exposition.types.get('customs_pulse_kpi_projection_lag_seconds')).toBe('gauge');
  });

  it('reads the store once per scrape, however many figures come from it', async () => {
    const { log, scrape } = following(50, 42);

    await scrape();

    expect(log.reads).toBe(1);
  });

  it('shows no lag once the projection has applied the head', async () => {
    const exposition = await following(50, 50).scrape();

    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_lag_events')).toBe(0);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_lag_seconds')).toBe(0);
  });

  it('counts the events applied since it started following, never counting one twice', async () => {
    const { scrape, apply } = following(100, 10);
    const appliedEvents = async () => sampleValue(await scrape(), 'customs_pulse_kpi_projection_applied_events_total');

    apply(30);
    expect(await appliedEvents()).toBe(20);
    // A rebuild swapped in behind the old projector's position: what it applies again is not counted again.
    apply(25);
    expect(await appliedEvents()).toBe(20);
    apply(40);
    expect(await appliedEvents()).toBe(30);
  });

  it('shows the head alone before the projection is followed', async () => {
    const { log, scrape } = anAdapter();
    log.length = 7;

    const exposition = await scrape();

    expect(sampleValue(exposition, 'customs_pulse_event_store_head_position')).toBe(7);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_applied_position')).toBeNaN();
  });

  it('answers NaN for the store figures while the store does not answer, still scraping, and says so once', async () => {
    const { log, warnings, scrape } = following(50, 42);
    log.outage = new Error('connection refused');

    await scrape();
    const exposition = await scrape();

    expect(sampleValue(exposition, 'customs_pulse_event_store_head_position')).toBeNaN();
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_lag_seconds')).toBeNaN();
    expect(warnings).toEqual(['store figures cannot be read for metrics: connection refused']);
  });

  it('times commits and counts rebuilds started and swapped in', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.committed(0.003);
    metrics.committed(0.2);
    metrics.rebuildStarted();
    metrics.rebuildStarted();
    metrics.rebuildSwapped();

    const exposition = await scrape();
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_commit_duration_seconds_count')).toBe(2);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_commit_duration_seconds_bucket', { le: '0.005' })).toBe(1);
    expect(sampleValue(exposition, 'customs_pulse_kpi_rebuilds_started_total')).toBe(2);
    expect(sampleValue(exposition, 'customs_pulse_kpi_rebuilds_swapped_total')).toBe(1);
  });

  it('counts failed projection attempts and shows how many failed in a row, back to 0 on recovery', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.projectionFailures(1, 'live');
    metrics.projectionFailures(2, 'live');
    const failing = await scrape();
    metrics.projectionFailures(0, 'live');
    const recovered = await scrape();

    const live = { projector: 'live' };
    expect(sampleValue(failing, 'customs_pulse_kpi_projection_failed_attempts_total', live)).toBe(2);
    expect(sampleValue(failing, 'customs_pulse_kpi_projection_consecutive_failures', live)).toBe(2);
    expect(sampleValue(recovered, 'customs_pulse_kpi_projection_failed_attempts_total', live)).toBe(2);
    expect(sampleValue(recovered, 'customs_pulse_kpi_projection_consecutive_failures', live)).toBe(0);
  });

  it("keeps a rebuild's failures apart from the live projection's", async () => {
    const { metrics, scrape } = anAdapter();

    metrics.projectionFailures(1, 'rebuild');
    metrics.projectionFailures(2, 'rebuild');
    const exposition = await scrape();

    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_consecutive_failures', { projector: 'rebuild' })).toBe(2);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_failed_attempts_total', { projector: 'rebuild' })).toBe(2);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_consecutive_failures', { projector: 'live' })).toBe(0);
    expect(sampleValue(exposition, 'customs_pulse_kpi_projection_failed_attempts_total', { projector: 'live' })).toBe(0);
  });
});
