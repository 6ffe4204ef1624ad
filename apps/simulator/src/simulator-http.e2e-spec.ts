import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpEventSink, runSimulation, type SimulatedEvent, type SimulationStats, TrafficSimulation, type TrafficOptions } from '@customs-pulse/simulation';
import { NOON_IN_TASHKENT, PacedClock, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from '../../standalone/src/standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

/** The simulated working day follows Tashkent time: the app and the traffic run from its noon, at any real hour. */
const clock = new PacedClock(NOON_IN_TASHKENT);
let standalone: AppUnderTest;
let stats: SimulationStats;
/** What the run sent: the same simulation again, taken up to the end of the run. */
let sent: SimulatedEvent[];

async function get(path: string): Promise<ResponseBody> {
  const response = await fetch(`${standalone.baseUrl}${path}`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } });
  expect(response.status).toBe(200);
  return response.json();
}

const current = async (kpiId: string, query = ''): Promise<{ value: number | null; n: number }> =>
  (await get(`/api/kpis/current${query}`)).values.find((value: { kpiId: string }) => value.kpiId === kpiId);

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'simulator-e2e', clock, logger: ['error'] });
  // Two hours of history at 1 event/s, then 3 s of live traffic at 20 events/s.
  const options: TrafficOptions = { seed: 4, start: clock.millis(), rate: 20, days: 2 / 24, historyRate: 1 };
  const sink = new HttpEventSink({ url: standalone.baseUrl, token: standalone.tokens.ingest });
  stats = await runSimulation({ traffic: new TrafficSimulation(options), sink, now: clock.millis, durationSeconds: 3 });
  sent = new TrafficSimulation(options).takeDue(options.start + 3_000, Infinity);
}, 60_000);

afterAll(() => standalone?.close());

describe('the simulator against the running standalone app over HTTP', () => {
  it('has its valid events stored, its duplicates recognised and its malformed and conflicting ones rejected', () => {
    expect(stats.history + stats.live).toBe(sent.length);
    expect(stats.history).toBeGreaterThan(5_000);
    expect(stats.live).toBeGreaterThan(0);
    expect(stats.accepted).toBe(stats.byKind.original);
    expect(stats.duplicates).toBe(stats.byKind.duplicate);
    expect(stats.rejected).toBe(stats.byKind.invalid + stats.byKind.conflict);
    expect(stats.rejected).toBeGreaterThan(0);
  });

  it('feeds the KPIs: the current values answer with the traffic’s lanes, lodgements and seizures', async () => {
    const seizures = sent.filter(({ kind, event }) => kind === 'original' && event['type'] === 'SeizureRecorded').length;
    await waitUntil('the projection has applied every seizure sent', async () => (await current('seizures_count')).n === seizures, 20_000);

    const green = await current('green_lane_rate');
    expect(green.n).toBeGreaterThan(500);
    expect(green.value).toBeGreaterThan(0.65);
    expect(green.value).toBeLessThan(0.85);
    expect((await current('pre_arrival_rate')).value).toBeGreaterThan(0.5);
    expect((await current('release_time_p50')).value).toBeGreaterThan(0);
    expect((await current('duties_collected')).value).toBeGreaterThan(0);
  });

  it('shows in the data-quality figures: what ingest turned away, and no negative duration', async () => {
    // The tally is written in the background about once a second: wait for both counts, as the last batch may have
    // brought duplicates and no reject.
    await waitUntil('the tally has counted every reject and duplicate', async () => {
      const { rejected, duplicates } = await get('/api/quality');
      return rejected.total === stats.rejected && duplicates === stats.duplicates;
    });
    const quality = await get('/api/quality');

    expect(quality.duplicates).toBe(stats.duplicates);
    expect(quality.rejected.byReason.length).toBeGreaterThan(3);
    expect(quality.negativeDurations).toEqual({});
  });
});
