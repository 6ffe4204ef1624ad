import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@customs-pulse/auth';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { parsePrometheusText, sampleValue, type PrometheusExposition } from '@customs-pulse/http';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { io, type Socket } from 'socket.io-client';
import { StandaloneModule } from './standalone.module.js';

/** Every app started here: the first is the one most tests look at. */
const started: AppUnderTest[] = [];
let standalone: AppUnderTest;
let store: EventStore;
let operator: Socket;

const HOUR = 3_600_000;
/** An hour ago: inside the 24 hours `current` covers. */
const anHourAgo = (): string => new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR).toISOString();
const aSeizure = (id: string, office: string): unknown => anEvent.seizureRecorded(id, { officeId: office }, { time: anHourAgo() });

/** A standalone app on a data folder of its own, listening on a free port. */
async function startApp(): Promise<AppUnderTest> {
  const app = await startStandaloneForTest(StandaloneModule, { name: 'metrics-e2e', logger: ['error'] });
  started.push(app);
  return app;
}

async function ingest(body: readonly unknown[]): Promise<{ accepted: number; duplicates: number; rejected: unknown[] }> {
  const response = await fetch(`${standalone.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens.ingest}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
}

/** `GET /metrics` as a scraper makes it, with no token, parsed. */
async function scrape(url = standalone.baseUrl): Promise<PrometheusExposition> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

const value = (exposition: PrometheusExposition, name: string, labels: Record<string, string> = {}): number | undefined =>
  sampleValue(exposition, `customs_pulse_${name}`, labels);

function connectAs(role: Role): Promise<Socket> {
  const socket = io(`${standalone.baseUrl}/live`, { auth: { token: standalone.tokens[role] }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

beforeAll(async () => {
  standalone = await startApp();
  store = standalone.app.get(EVENT_STORE);

  // Three seizures, one of them sent twice, and an item that is no event: 3 accepted, 1 duplicate, 1 rejected.
  expect(await ingest([aSeizure('S-1', 'UZ-TAS'), aSeizure('S-2', 'UZ-TAS'), aSeizure('S-3', 'UZ-SAM')])).toMatchObject({ accepted: 3, duplicates: 0 });
  expect(await ingest([aSeizure('S-1', 'UZ-TAS'), { specversion: '1.0' }])).toMatchObject({ accepted: 0, duplicates: 1, rejected: [expect.anything()] });

  // A dashboard following two KPIs of one office, then a seizure there that changes one of them.
  operator = await connectAs('operator');
  const pushed: unknown[] = [];
  operator.on('kpi.updated', (update: unknown) => pushed.push(update));
  await operator.timeout(5_000).emitWithAck('subscribe', { kpis: ['seizures_count', 'seizures_value'], office: 'UZ-TAS' });
  expect(await ingest([aSeizure('S-4', 'UZ-TAS')])).toMatchObject({ accepted: 1 });
  await waitUntil('the changed value is pushed', () => pushed.length > 0);
});

afterAll(async () => {
  operator?.disconnect();
  for (const app of started) await app.close();
});

describe('GET /metrics', () => {
  it('counts the events ingested over HTTP by outcome, and times each append', async () => {
    const exposition = await scrape();

    expect(exposition.types.get('customs_pulse_ingest_events_total')).toBe('counter');
    expect(value(exposition, 'ingest_events_total', { transport: 'http', outcome: 'accepted' })).toBe(4);
    expect(value(exposition, 'ingest_events_total', { transport: 'http', outcome: 'duplicate' })).toBe(1);
    expect(value(exposition, 'ingest_events_total', { transport: 'http', outcome: 'rejected' })).toBe(1);
    expect(value(exposition, 'ingest_events_total', { transport: 'kafka', outcome: 'accepted' })).toBe(0);
    // Three requests held a valid event: three appends.
    expect(value(exposition, 'ingest_append_duration_seconds_count', { transport: 'http' })).toBe(3);
    expect(value(exposition, 'ingest_dead_letters_total')).toBe(0);
  });

  it('shows the projection at the store head once it has applied every stored event, with no lag', async () => {
    const head = async (): Promise<number> => (await store.head()).position;
    let exposition = await scrape();
    await waitUntil('the projection has applied the head', async () => {
      exposition = await scrape();
      return value(exposition, 'kpi_projection_applied_position') === (await head());
    });

    // The head holds the four seizures and whatever alert events the rules appended for them.
    const position = value(exposition, 'event_store_head_position')!;
    expect(position).toBeGreaterThanOrEqual(4);
    expect(value(exposition, 'kpi_projection_lag_events')).toBe(0);
    expect(value(exposition, 'kpi_projection_lag_seconds')).toBe(0);
    // The app started on an empty store, so it has applied every event there is.
    expect(value(exposition, 'kpi_projection_applied_events_total')).toBe(position);
    expect(value(exposition, 'kpi_projection_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(exposition, 'kpi_rebuilds_started_total')).toBe(0);
  });

  it('shows what the live KPI engine holds in memory, and how its cache of subjects fares', async () => {
    await waitUntil('the projection has applied the head', async () => value(await scrape(), 'kpi_projection_applied_position') === (await store.head()).position);
    const exposition = await scrape();

    // Four seizure cases, each with an event an hour ago: recent, so held whatever OPEN_MAX_DAYS and CLOSED_CACHE_SIZE say.
    expect(value(exposition, 'kpi_held_cases')).toBe(4);
    expect(value(exposition, 'kpi_held_declarations')).toBe(0);
    expect(value(exposition, 'kpi_buckets_in_memory')).toBeGreaterThan(0);
    expect(value(exposition, 'kpi_held_subject_misses')).toBe(0);
    expect(value(exposition, 'kpi_held_subject_loads')).toBe(0);
    expect(value(exposition, 'kpi_held_subject_let_go')).toBe(0);
    expect(value(exposition, 'kpi_held_subject_hits')).toBeGreaterThanOrEqual(0);
    // Every event is of the last hours: no bucket is before the held days.
    expect(value(exposition, 'kpi_buckets_read_back')).toBe(0);
    expect(value(exposition, 'kpi_buckets_let_go')).toBe(0);
  });

  it('shows the live audience and what was pushed to it', async () => {
    const exposition = await scrape();

    expect(value(exposition, 'live_clients')).toBe(1);
    expect(value(exposition, 'live_subscriptions')).toBe(2);
    expect(value(exposition, 'live_frames_sent_total', { event: 'kpi.updated' })).toBeGreaterThanOrEqual(1);
    expect(value(exposition, 'live_kpi_updates_received_total')).toBeGreaterThanOrEqual(1);
  });

  it('counts a rebuild started and swapped in', async () => {
    const rebuild = await fetch(`${standalone.baseUrl}/api/kpis/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${standalone.tokens.admin}` } });
    expect(rebuild.status).toBe(200);

    const exposition = await scrape();

    expect(value(exposition, 'kpi_rebuilds_started_total')).toBe(1);
    expect(value(exposition, 'kpi_rebuilds_swapped_total')).toBe(1);
  });

  it("shows Node's own figures: CPU, heap and event loop lag", async () => {
    const exposition = await scrape();

    expect(exposition.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(sampleValue(exposition, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(exposition.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    // From perf_hooks.monitorEventLoopDelay, since the last scrape: what README's "The event loop" tells to watch.
    expect(exposition.types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
    expect(exposition.types.get('nodejs_eventloop_lag_max_seconds')).toBe('gauge');
  });

  it('is each app’s own: a second app in the same process starts from zero', async () => {
    const second = await startApp();

    const exposition = await scrape(second.baseUrl);

    expect(value(exposition, 'ingest_events_total', { transport: 'http', outcome: 'accepted' })).toBe(0);
    expect(value(exposition, 'live_clients')).toBe(0);
    expect(value(await scrape(), 'ingest_events_total', { transport: 'http', outcome: 'accepted' })).toBe(4);
  });
});
