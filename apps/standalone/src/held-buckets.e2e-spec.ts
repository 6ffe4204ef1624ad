import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parsePrometheusText, sampleValue } from '@customs-pulse/http';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, ingestAccepted, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A UTC day ten days back: long before the one day of buckets the app is told to hold. */
const day = Math.floor(Date.now() / DAY) * DAY - 10 * DAY;
const at = (hours: number): string => new Date(day + hours * HOUR).toISOString();

let standalone: AppUnderTest;

async function get(path: string): Promise<ResponseBody> {
  const response = await fetch(`${standalone.baseUrl}${path}`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } });
  expect(response.status).toBe(200);
  return response.json();
}

async function put(path: string, body: unknown): Promise<ResponseBody> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens.admin}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function metric(name: string): Promise<number | undefined> {
  return sampleValue(parsePrometheusText(await (await fetch(`${standalone.baseUrl}/metrics`)).text()), `customs_pulse_${name}`);
}

const projected = async (subject: string): Promise<boolean> =>
  (await fetch(`${standalone.baseUrl}/api/declarations/${subject}`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } })).status === 200;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'held-buckets-e2e', env: { HOURLY_BUCKETS_DAYS: '1', DAILY_BUCKETS_DAYS: '1' } });
  // D-1, released 3 h after arrival ten days ago: its buckets are committed with it, and let go of at the next commit.
  await ingestAccepted(standalone, [
    anEvent.goodsArrived('D-1', { officeId: 'UZ-TAS' }, { time: at(8) }),
    anEvent.declarationLodged('D-1', { officeId: 'UZ-TAS' }, { time: at(8) }),
    anEvent.goodsReleased('D-1', {}, { time: at(11) }),
  ]);
  await waitUntil('D-1 is projected', () => projected('D-1'));
  await ingestAccepted(standalone, [anEvent.goodsArrived('D-NOW', { officeId: 'UZ-TAS' }, { time: new Date(Date.now() - HOUR).toISOString() })]);
  await waitUntil('the day of D-1 is let go of', async () => ((await metric('kpi_buckets_let_go')) ?? 0) > 0);
  // D-2, late for the same day: its bucket changes wait until the buckets of that day are read back.
  await ingestAccepted(standalone, [
    anEvent.goodsArrived('D-2', { officeId: 'UZ-TAS' }, { time: at(9) }),
    anEvent.declarationLodged('D-2', { officeId: 'UZ-TAS' }, { time: at(9) }),
    anEvent.goodsReleased('D-2', {}, { time: at(14) }),
  ]);
  await waitUntil('D-2 is projected', () => projected('D-2'));
  // The buckets D-2 changed are committed with it, and let go of at the commit after.
  const letGo = (await metric('kpi_buckets_let_go')) ?? 0;
  await ingestAccepted(standalone, [anEvent.goodsArrived('D-NOW-2', { officeId: 'UZ-TAS' }, { time: new Date(Date.now() - HOUR).toISOString() })]);
  await waitUntil('the buckets D-2 changed are let go of', async () => ((await metric('kpi_buckets_let_go')) ?? 0) > letGo);
});

afterAll(() => standalone?.close());

describe('buckets before the held days (HOURLY_BUCKETS_DAYS, DAILY_BUCKETS_DAYS; README, "Hot and cold state")', () => {
  it('reads back the buckets a late event reaches, and adds to what was stored', async () => {
    expect(await metric('kpi_buckets_read_back')).toBeGreaterThan(0);

    const { points } = await get(`/api/kpis/release_time_mean/series?granularity=day&from=${at(0)}&to=${at(24)}`);
    expect(points).toEqual([{ start: at(0), value: 4, n: 2 }]);
  });

  it('answers a series over days let go of from the read model, each hour as it was', async () => {
    const { points } = await get(`/api/kpis/release_time_mean/series?granularity=hour&from=${at(0)}&to=${at(24)}&office=UZ-TAS`);

    expect(points.filter((point: { n: number }) => point.n > 0)).toEqual([
      { start: at(11), value: 3, n: 1 },
      { start: at(14), value: 5, n: 1 },
    ]);
    expect(points).toHaveLength(24);
  });

  it('gives the backlog over those days from what it carries of the buckets let go of', async () => {
    const { points } = await get(`/api/kpis/backlog/series?granularity=hour&from=${at(7)}&to=${at(15)}`);

    // Lodged at 08:00 and 09:00, released at 11:00 and 14:00: the backlog at the end of each hour from 07:00.
    expect(points.map((point: { value: number }) => point.value)).toEqual([0, 1, 2, 2, 1, 1, 1, 0]);
  });

  it('gives the PMM report over those days from the read model', async () => {
    const date = (hours: number): string => at(hours).slice(0, 10);
    const report = await get(`/api/reports/pmm?from=${date(0)}&to=${date(24)}`);
    const mean = report.dimensions[0].kpis.find(({ kpiId }: { kpiId: string }) => kpiId === 'release_time_mean');

    expect(mean.total).toEqual({ value: 4, n: 2 });
    expect(mean.offices).toEqual([{ office: 'UZ-TAS', value: 4, n: 2 }]);
  });

  it("reads a target's baseline over those days from the read model", async () => {
    const target = await put('/api/targets/cold-baseline', {
      objective: 'Faster releases at UZ-TAS',
      kpiId: 'release_time_mean',
      filters: { office: 'UZ-TAS' },
      baseline: { from: at(0), to: at(24) },
      target: 2,
      deadline: new Date(day + 400 * DAY).toISOString().slice(0, 10),
    });

    expect(target).toMatchObject({ id: 'cold-baseline', baselineValue: 4, baselineN: 2 });
  });
});
