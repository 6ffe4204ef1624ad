import { describe, expect, it } from '@jest/globals';
import type { LivePushMetrics } from './live-push-metrics.port.js';
import { Registry } from 'prom-client';
import { PrometheusLivePushMetrics } from './prometheus-live-push-metrics.js';
import { parsePrometheusText, sampleValue } from '@customs-pulse/http';

function anAdapter() {
  const registry = new Registry();
  // Typed as libs/realtime's port: the adapter is bound to its token, so it must fit it.
  const metrics: LivePushMetrics = new PrometheusLivePushMetrics(registry);
  return { metrics, scrape: async () => parsePrometheusText(await registry.metrics()) };
}

describe('PrometheusLivePushMetrics', () => {
  it('reads the audience when scraped: clients and subscriptions as they are now', async () => {
    const { metrics, scrape } = anAdapter();
    let audience = { clients: 3, subscriptions: 7 };
    metrics.follow(() => audience);

    const first = await scrape();
    audience = { clients: 1, subscriptions: 2 };
    const second = await scrape();

    expect([sampleValue(first, 'customs_pulse_live_clients'), sampleValue(first, 'customs_pulse_live_subscriptions')]).toEqual([3, 7]);
    expect([sampleValue(second, 'customs_pulse_live_clients'), sampleValue(second, 'customs_pulse_live_subscriptions')]).toEqual([1, 2]);
  });

  it('shows an empty audience before the gateway is listening', async () => {
    const { scrape } = anAdapter();

    expect(sampleValue(await scrape(), 'customs_pulse_live_clients')).toBe(0);
  });

  it('counts frames by event, one per client reached, and the KPI changes received', async () => {
    const { metrics, scrape } = anAdapter();

    metrics.framesSent('kpi.updated', 2);
    metrics.framesSent('kpi.updated', 1);
    metrics.framesSent('alert.raised', 4);
    metrics.kpiUpdatesReceived(5);
    metrics.kpiUpdatesReceived(0);

    const exposition = await scrape();
    expect(sampleValue(exposition, 'customs_pulse_live_frames_sent_total', { event: 'kpi.updated' })).toBe(3);
    expect(sampleValue(exposition, 'customs_pulse_live_frames_sent_total', { event: 'alert.raised' })).toBe(4);
    expect(sampleValue(exposition, 'customs_pulse_live_frames_sent_total', { event: 'alert.resolved' })).toBe(0);
    expect(sampleValue(exposition, 'customs_pulse_live_kpi_updates_received_total')).toBe(5);
  });
});
