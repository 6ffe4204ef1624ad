import { afterAll, describe, expect, it } from '@jest/globals';
import { EVENT_STORE, type EventStore, type RecordedEvent, START } from '@customs-pulse/event-store';
import { NOON_IN_TASHKENT, PacedClock, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** SIMULATE=1 with an hour of history and a brisk live rate, so that a few seconds show both. */
const env = { SIMULATE: '1', SIMULATE_DAYS: String(1 / 24), SIMULATE_RATE: '20', SIMULATE_SEED: '3' };
/** The simulated working day follows Tashkent time: at its noon an hour of history holds a day's traffic. */
const clock = new PacedClock(NOON_IN_TASHKENT);
let standalone: AppUnderTest | undefined;

async function start(): Promise<{ store: EventStore; baseUrl: string }> {
  if (standalone) await standalone.start();
  else standalone = await startStandaloneForTest(StandaloneModule, { name: 'simulate-e2e', env, clock, logger: ['error'] });
  return { store: standalone.app.get(EVENT_STORE), baseUrl: standalone.baseUrl };
}

/** The events the simulator stored (the system's own alert events left aside). */
async function simulated(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let batch = await store.readAll(START, 5_000); batch.length > 0; batch = await store.readAll(batch.at(-1)!.position, 5_000)) events.push(...batch);
  return events.filter(({ source }) => source.startsWith('urn:customs:uz:'));
}

afterAll(() => standalone?.close());

describe('SIMULATE=1', () => {
  it('feeds the app its own traffic from the start: the history, then live events, and the KPIs answer', async () => {
    const started = clock.millis();
    const { store, baseUrl } = await start();
    const token = standalone!.tokens.operator;

    await waitUntil('live events are stored', async () => (await simulated(store)).some(({ time }) => Date.parse(time) >= started), 20_000);
    const events = await simulated(store);
    expect(events.filter(({ time }) => Date.parse(time) < started - 30 * 60_000).length).toBeGreaterThan(100);
    await waitUntil('the KPIs have the lodgements', async () => {
      const response = await fetch(`${baseUrl}/api/kpis/current`, { headers: { authorization: `Bearer ${token}` } });
      const { values } = (await response.json()) as { values: { kpiId: string; n: number }[] };
      return values.find(({ kpiId }) => kpiId === 'pre_arrival_rate')!.n > 100;
    }, 20_000);
  }, 60_000);

  it('sets the demo plan of three targets once the history gives their baselines', async () => {
    const { baseUrl } = standalone!;
    const targets = async (): Promise<{ id: string; baselineValue: number; target: number; milestones: unknown[] }[]> =>
      (await fetch(`${baseUrl}/api/targets`, { headers: { authorization: `Bearer ${standalone!.tokens.operator}` } })).json() as never;

    await waitUntil('the demo plan is set', async () => (await targets()).length === 3, 30_000);
    const plan = await targets();
    expect(plan.map(({ id }) => id)).toEqual(['green-lane', 'pre-arrival', 'release-time']);
    for (const target of plan) {
      expect(target.baselineValue).not.toBeNull();
      expect(target.milestones).toHaveLength(1);
    }
    expect(plan.find(({ id }) => id === 'release-time')!.target).toBeLessThan(plan.find(({ id }) => id === 'release-time')!.baselineValue);
  }, 60_000);

  it('after a restart on the same data, goes on with live traffic only, under new ids', async () => {
    const firstRun = new Set((await simulated(standalone!.app.get<EventStore>(EVENT_STORE))).map(({ id }) => id.split('-')[0]));
    await standalone!.stop();
    const restarted = clock.millis();
    const { store } = await start();
    const newRun = async (): Promise<RecordedEvent[]> => (await simulated(store)).filter(({ id }) => !firstRun.has(id.split('-')[0]));

    await waitUntil('the restarted simulator stores events', async () => (await newRun()).length > 10, 20_000);
    const after = await newRun();

    expect(firstRun.size).toBe(1);
    expect(new Set(after.map(({ id }) => id.split('-')[0])).size).toBe(1);
    // The demo plan is not set again.
    expect((await store.readAll(START, 1_000_000)).filter(({ type }) => type === 'TargetSet')).toHaveLength(3);
    expect(after.filter(({ time }) => Date.parse(time) < restarted)).toEqual([]);
  }, 60_000);
});
