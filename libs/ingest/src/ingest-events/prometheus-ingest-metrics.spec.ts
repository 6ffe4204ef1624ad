import { describe, expect, it } from '@jest/globals';
import type { IngestMetrics } from './ingest-metrics.port.js';
import { Registry } from 'prom-client';
import { PrometheusIngestMetrics } from './prometheus-ingest-metrics.js';
import { parsePrometheusText, sampleValue } from '@customs-pulse/http';

function anAdapter(): { metrics: IngestMetrics; scrape: () => Promise<ReturnType<typeof parsePrometheusText>> } {
  const registry = new Registry();
  // Typed as libs/ingest's port: the adapter is bound to its token, so it must fit it.
  const metrics: IngestMetrics = new PrometheusIngestMetrics(registry);
  return { metrics, scrape: async () => parsePrometheusText(await registry.metrics()) };
}

describe('PrometheusIngestMetrics', () => {
  it('shows every outcome of HTTP and Kafka at 0 before the first ingest', async () => {
    const { scrape } = anAdapter();

    const exposition = await scrape();

    expect(exposition.types.get('customs_pulse_ingest_events_total')).toBe('counter');
    for (const transport of ['http', 'kafka']) {
      for (const outcome of ['accepted', 'duplicate', 'rejected']) {
        expect(sampleValue(exposition, 'customs_pulse_ingest_events_total', { transport, outcome })).toBe(0);
      }
    }
  });

  it('counts events by transport and outcome, batch after batch', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.ingested({ transport: 'http', accepted: 3, duplicates: 1, rejected: 2, appendSeconds: 0.004 });
    metrics.ingested({ transport: 'http', accepted: 2, duplicates: 0, rejected: 0, appendSeconds: 0.002 });
    metrics.ingested({ transport: 'kafka', accepted: 0, duplicates: 0, rejected: 4, appendSeconds: null });

    const exposition = await scrape();
    const events = (transport: string, outcome: string) => sampleValue(exposition, 'customs_pulse_ingest_events_total', { transport, outcome });
    expect([events('http', 'accepted'), events('http', 'duplicate'), events('http', 'rejected')]).toEqual([5, 1, 2]);
    expect([events('kafka', 'accepted'), events('kafka', 'duplicate'), events('kafka', 'rejected')]).toEqual([0, 0, 4]);
  });

  it('times each append by transport; a batch with nothing to append is not timed', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.ingested({ transport: 'http', accepted: 3, duplicates: 0, rejected: 0, appendSeconds: 0.004 });
    metrics.ingested({ transport: 'http', accepted: 0, duplicates: 0, rejected: 1, appendSeconds: null });

    const exposition = await scrape();
    expect(exposition.types.get('customs_pulse_ingest_append_duration_seconds')).toBe('histogram');
    expect(sampleValue(exposition, 'customs_pulse_ingest_append_duration_seconds_count', { transport: 'http' })).toBe(1);
    expect(sampleValue(exposition, 'customs_pulse_ingest_append_duration_seconds_sum', { transport: 'http' })).toBe(0.004);
    expect(sampleValue(exposition, 'customs_pulse_ingest_append_duration_seconds_bucket', { transport: 'http', le: '0.005' })).toBe(1);
    expect(sampleValue(exposition, 'customs_pulse_ingest_append_duration_seconds_bucket', { transport: 'http', le: '0.0025' })).toBe(0);
  });

  it('counts dead letters', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.deadLettered(2);
    metrics.deadLettered(1);

    expect(sampleValue(await scrape(), 'customs_pulse_ingest_dead_letters_total')).toBe(3);
  });
});
