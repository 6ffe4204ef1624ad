import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@customs-pulse/auth';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

let standalone: AppUnderTest;

const HOUR = 3_600_000;
/** The start of the present hour: event times are whole hours before it, so that they land in known buckets. */
const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
const hoursAgo = (hours: number): string => new Date(thisHour - hours * HOUR).toISOString();
/** When the declarations below were released, for asOf: after D-A's release, before D-B's. */
let storedBeforeLastBatch: string;

async function get(path: string, role: Role | null = 'operator'): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, { headers: role === null ? {} : { authorization: `Bearer ${standalone.tokens[role]}` } });
  return { status: response.status, body: await response.json() };
}

async function post(path: string, body: unknown, role: Role): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens[role]}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'kpi-e2e' });
  // D-A: SEA import at UZ-TAS, 3 h from arrival to release; D-B: ROAD at UZ-SAM, 5 h.
  await post('/api/events', [
    anEvent.goodsArrived('D-A', { officeId: 'UZ-TAS', transportMode: 'SEA' }, { time: hoursAgo(5) }),
    anEvent.declarationLodged('D-A', { officeId: 'UZ-TAS', transportMode: 'SEA', regime: 'IMPORT' }, { time: hoursAgo(4) }),
    anEvent.laneAssigned('D-A', { lane: 'GREEN' }, { time: hoursAgo(4) }),
    anEvent.goodsReleased('D-A', {}, { time: hoursAgo(2) }),
    // Not DRUGS or WEAPONS: such a seizure raises an alert, an event of the store that would take a position here.
    anEvent.seizureRecorded('S-1', { officeId: 'UZ-TAS', category: 'TOBACCO' }, { time: hoursAgo(3) }),
  ], 'ingest');
  await new Promise((resolve) => setTimeout(resolve, 5));
  storedBeforeLastBatch = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await post('/api/events', [
    anEvent.goodsArrived('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD' }, { time: hoursAgo(6) }),
    anEvent.declarationLodged('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD', regime: 'EXPORT' }, { time: hoursAgo(6) }),
    anEvent.goodsReleased('D-B', {}, { time: hoursAgo(1) }),
  ], 'ingest');
  await waitUntil('the projection has applied both batches', async () => (await get('/api/kpis/release_time_mean/current')).body.n === 2);
});

afterAll(() => standalone?.close());

describe('GET /api/kpis', () => {
  it('lists the whole catalogue with dimension, unit, direction, thresholds and slices', async () => {
    const { status, body } = await get('/api/kpis');

    expect(status).toBe(200);
    expect(body).toHaveLength(27);
    expect(body[0]).toEqual({
      id: 'release_time_mean',
      name: 'Average release time (TRS)',
      dimension: 'trade_facilitation',
      unit: 'hours',
      direction: 'down',
      thresholds: { warning: 24, critical: 48 },
      slices: ['office', 'transportMode', 'regime'],
    });
  });

  it.each([
    { who: 'no token', role: null, status: 401 },
    { who: 'the ingest role', role: 'ingest' as const, status: 403 },
  ])('refuses $who with $status', async ({ role, status }) => {
    expect((await get('/api/kpis', role)).status).toBe(status);
  });
});

describe('GET /api/kpis/:id/current', () => {
  it('merges the 24 hours ending with the present hour: the mean of 3 h and 5 h, with n and the window', async () => {
    const { body } = await get('/api/kpis/release_time_mean/current');

    expect(body).toEqual({
      kpiId: 'release_time_mean',
      filters: {},
      value: 4,
      n: 2,
      window: { from: hoursAgo(23), to: new Date(thisHour + HOUR).toISOString() },
      position: 8,
    });
  });

  it('answers a slice: office, transport mode and regime', async () => {
    expect((await get('/api/kpis/release_time_mean/current?office=UZ-TAS')).body).toMatchObject({ filters: { office: 'UZ-TAS' }, value: 3, n: 1 });
    expect((await get('/api/kpis/release_time_mean/current?transportMode=ROAD&regime=EXPORT')).body).toMatchObject({ value: 5, n: 1 });
    expect((await get('/api/kpis/seizures_count/current?category=TOBACCO')).body).toMatchObject({ value: 1, n: 1 });
  });

  it('answers null over nothing for a mean and 0 for a count', async () => {
    expect((await get('/api/kpis/release_time_mean/current?office=NOWHERE')).body).toMatchObject({ value: null, n: 0 });
    expect((await get('/api/kpis/seizures_count/current?office=NOWHERE')).body).toMatchObject({ value: 0, n: 0 });
  });

  it('answers an unknown KPI with 404 naming it', async () => {
    const { status, body } = await get('/api/kpis/happiness/current');

    expect(status).toBe(404);
    expect(body.detail).toContain('"happiness"');
  });

  it('refuses bad parameters with 400, naming each one', async () => {
    const { status, body } = await get('/api/kpis/release_time_mean/current?transportMode=TELEPORT&ofice=UZ-TAS');

    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { path: 'query.ofice', message: expect.stringContaining('is not a parameter') },
      { path: 'query.transportMode', message: expect.stringContaining('must be one of SEA, AIR') },
    ]);
  });

  it('refuses a filter the KPI does not slice by with 400', async () => {
    const { status, body } = await get('/api/kpis/seizures_count/current?regime=IMPORT');

    expect(status).toBe(400);
    expect(body.detail).toMatch(/seizures_count cannot be filtered by regime/);
  });
});

describe('GET /api/kpis/:id/series', () => {
  it('gives one point per hour of the range, the value in the hour of each release', async () => {
    const { body } = await get(`/api/kpis/release_time_mean/series?granularity=hour&from=${hoursAgo(3)}&to=${hoursAgo(0)}`);

    expect(body).toEqual({
      kpiId: 'release_time_mean',
      granularity: 'hour',
      filters: {},
      position: 8,
      points: [
        { start: hoursAgo(3), value: null, n: 0 },
        { start: hoursAgo(2), value: 3, n: 1 },
        { start: hoursAgo(1), value: 5, n: 1 },
      ],
    });
  });

  it('defaults to the last 24 hours', async () => {
    const { body } = await get('/api/kpis/seizures_count/series');

    expect(body.points).toHaveLength(24);
    expect(body.points.at(-1).start).toBe(hoursAgo(0));
    expect(body.points.reduce((sum: number, point: { value: number }) => sum + point.value, 0)).toBe(1);
  });

  it('refuses a range that does not start on a bucket boundary', async () => {
    // An hour that is never midnight: `hoursAgo(1)` is one between 01:00 and 02:00 UTC.
    const { status, body } = await get('/api/kpis/seizures_count/series?granularity=day&from=2026-03-03T05:00:00.000Z');

    expect(status).toBe(400);
    expect(body.errors).toEqual([{ path: 'query.from', message: 'must be the start of a UTC day' }]);
  });
});

describe('GET /api/kpis/current', () => {
  it('gives every KPI under the filters, leaving out those that cannot be sliced so', async () => {
    const all = (await get('/api/kpis/current')).body;
    const byRegime = (await get('/api/kpis/current?regime=IMPORT')).body;

    expect(all.position).toBe(8);
    expect(all.values).toHaveLength(27);
    expect(all.values).toContainEqual({ kpiId: 'seizures_count', value: 1, n: 1 });
    expect(byRegime.values.map((value: { kpiId: string }) => value.kpiId)).not.toContain('seizures_count');
    expect(byRegime.values).toContainEqual({ kpiId: 'release_time_mean', value: 3, n: 1 });
  });
});

describe('GET /api/kpis/current/offices', () => {
  it('gives every office an event named, in id order, with the values GET /api/kpis/current?office= gives', async () => {
    const { status, body } = await get('/api/kpis/current/offices');
    const tashkent = (await get('/api/kpis/current?office=UZ-TAS')).body;

    expect(status).toBe(200);
    expect(body.position).toBe(tashkent.position);
    expect(body.offices.map((row: { office: string }) => row.office)).toEqual(['UZ-SAM', 'UZ-TAS']);
    expect(body.offices[1]).toEqual({ office: 'UZ-TAS', values: tashkent.values });
    expect(body.offices[0].values).toContainEqual({ kpiId: 'release_time_mean', value: 5, n: 1 });
  });

  it('answers asOf to an auditor only, and names an unknown parameter', async () => {
    const then = await get(`/api/kpis/current/offices?asOf=${encodeURIComponent(storedBeforeLastBatch)}`, 'auditor');
    const unknown = await get('/api/kpis/current/offices?office=UZ-TAS');

    expect(then.body.offices.map((row: { office: string }) => row.office)).toEqual(['UZ-TAS']);
    expect((await get(`/api/kpis/current/offices?asOf=${encodeURIComponent(storedBeforeLastBatch)}`)).status).toBe(403);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'query.office', message: expect.any(String) }]);
  });
});

describe('asOf', () => {
  it('is the auditor’s: an operator asking for it gets 403', async () => {
    expect((await get(`/api/kpis/release_time_mean/current?asOf=${storedBeforeLastBatch}`)).status).toBe(403);
  });

  it('answers from the events stored by then, as a dashboard showed them', async () => {
    const then = await get(`/api/kpis/release_time_mean/current?asOf=${encodeURIComponent(storedBeforeLastBatch)}`, 'auditor');

    expect(then.body).toMatchObject({ value: 3, n: 1, position: 5 });
    expect((await get(`/api/declarations/D-B?asOf=${encodeURIComponent(storedBeforeLastBatch)}`, 'auditor')).status).toBe(404);
  });
});

describe('GET /api/declarations/:id', () => {
  it('gives the facts and the TRS segments in hours', async () => {
    const { body } = await get('/api/declarations/D-A');

    expect(body.facts).toMatchObject({ arrivedAt: hoursAgo(5), lodgedAt: hoursAgo(4), officeId: 'UZ-TAS', finalLane: 'GREEN', releasedAt: hoursAgo(2) });
    expect(body.segments).toContainEqual({ from: 'arrival', to: 'release', hours: 3 });
  });

  it('answers a declaration no event was projected for with 404', async () => {
    expect((await get('/api/declarations/D-UNKNOWN')).status).toBe(404);
  });
});

describe('the projection', () => {
  it('is part of readiness once caught up', async () => {
    const { status, body } = await get('/health/ready', null);

    expect(status).toBe(200);
    expect(body.kpiProjection).toEqual({
      ready: true,
      position: 8,
      committedPosition: 8,
      caughtUp: true,
      failing: false,
      consecutiveFailures: 0,
      lagSeconds: 0,
      maxLagSeconds: 60,
      restoring: false,
    });
    expect(body.alertRules).toEqual({ ready: true, failing: false, consecutiveFailures: 0 });
    expect(body.targets).toEqual({ ready: true, loaded: true, consecutiveFailures: 0 });
  });

  it('rebuilds from position 0 on an admin’s request and answers the same values after the swap', async () => {
    const before = (await get('/api/kpis/current')).body;
    expect((await post('/api/kpis/rebuild', {}, 'operator')).status).toBe(403);

    const rebuild = await post('/api/kpis/rebuild', {}, 'admin');

    expect(rebuild.status).toBe(200);
    expect(rebuild.body).toMatchObject({ generation: 2, position: 8 });
    expect((await get('/api/kpis/current')).body).toEqual(before);
  });

  it('keeps its read model across a restart of the app', async () => {
    const before = (await get('/api/kpis/current')).body;
    await standalone.stop();

    await standalone.start();

    expect((await get('/api/kpis/current')).body).toEqual(before);
  });
});

describe('GET /api/quality', () => {
  it('counts rejected events by reason, duplicates and negative durations left out', async () => {
    const released = anEvent.goodsReleased('D-C', {}, { time: hoursAgo(3) });
    await post('/api/events', [
      anEvent.goodsArrived('D-C', {}, { time: hoursAgo(1) }),
      released,
      released,
      anEvent.laneAssigned('D-C', { lane: 'PURPLE' }, { time: hoursAgo(1) }),
    ], 'ingest');
    await waitUntil('the projection has applied D-C', async () => (await get('/api/declarations/D-C')).status === 200);

    let quality: ResponseBody;
    await waitUntil('the tally has stored the rejection', async () => {
      quality = (await get('/api/quality')).body;
      return quality.rejected.total === 1;
    });

    expect(quality).toEqual({
      rejected: { total: 1, byReason: [{ reason: 'data.lane: must be one of GREEN, YELLOW, RED, BLUE', count: 1 }] },
      duplicates: 1,
      negativeDurations: { release_time_mean: 1, release_time_p50: 1, release_time_p90: 1, released_within_target_rate: 1 },
      position: 10,
    });
  });
});
