import { afterAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { loadConfig } from '@customs-pulse/config';
import { EVENT_STORE, type EventStore, type RecordedEvent, START } from '@customs-pulse/event-store';
import { createHttpApp } from '@customs-pulse/http';
import { NOON_IN_TASHKENT, PacedClock, waitUntil } from '@customs-pulse/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandaloneModule } from './standalone.module.js';

const secret = 'e2e-secret-that-is-at-least-32-bytes-long';
const dataDir = mkdtempSync(join(tmpdir(), 'customs-pulse-simulate-e2e-'));
/** SIMULATE=1 with an hour of history and a brisk live rate, so that a few seconds show both. */
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', SIMULATE: '1', SIMULATE_DAYS: String(1 / 24), SIMULATE_RATE: '20', SIMULATE_SEED: '3' });
/** The simulated working day follows Tashkent time: at its noon an hour of history holds a day's traffic. */
const clock = new PacedClock(NOON_IN_TASHKENT);
let app: INestApplication | undefined;

async function start(): Promise<{ app: INestApplication; store: EventStore; baseUrl: string }> {
  app = await createHttpApp(StandaloneModule.forRoot(config, secret, { clock }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  return { app, store: app.get(EVENT_STORE), baseUrl: await app.getUrl() };
}

/** The events the simulator stored (the system's own alert events left aside). */
async function simulated(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let batch = await store.readAll(START, 5_000); batch.length > 0; batch = await store.readAll(batch.at(-1)!.position, 5_000)) events.push(...batch);
  return events.filter(({ source }) => source.startsWith('urn:customs:uz:'));
}

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIMULATE=1', () => {
  it('feeds the app its own traffic from the start: the history, then live events, and the KPIs answer', async () => {
    const started = clock.millis();
    const { store, baseUrl } = await start();
    const token = await issueAccessToken(new TextEncoder().encode(secret), ['operator']);

    await waitUntil('live events are stored', async () => (await simulated(store)).some(({ time }) => Date.parse(time) >= started), 20_000);
    const events = await simulated(store);
    expect(events.filter(({ time }) => Date.parse(time) < started - 30 * 60_000).length).toBeGreaterThan(100);
    await waitUntil('the KPIs have the lodgements', async () => {
      const response = await fetch(`${baseUrl}/api/kpis/current`, { headers: { authorization: `Bearer ${token}` } });
      const { values } = (await response.json()) as { values: { kpiId: string; n: number }[] };
      return values.find(({ kpiId }) => kpiId === 'pre_arrival_rate')!.n > 100;
    }, 20_000);
  }, 60_000);

  it('after a restart on the same data, goes on with live traffic only, under new ids', async () => {
    const firstRun = new Set((await simulated(app!.get<EventStore>(EVENT_STORE))).map(({ id }) => id.split('-')[0]));
    await app!.close();
    const restarted = clock.millis();
    const { store } = await start();
    const newRun = async (): Promise<RecordedEvent[]> => (await simulated(store)).filter(({ id }) => !firstRun.has(id.split('-')[0]));

    await waitUntil('the restarted simulator stores events', async () => (await newRun()).length > 10, 20_000);
    const after = await newRun();

    expect(firstRun.size).toBe(1);
    expect(new Set(after.map(({ id }) => id.split('-')[0])).size).toBe(1);
    expect(after.filter(({ time }) => Date.parse(time) < restarted)).toEqual([]);
  }, 60_000);
});
