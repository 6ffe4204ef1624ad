import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@customs-pulse/auth';
import { EVENT_STORE, type EventStore, START } from '@customs-pulse/event-store';
import { PacedClock, releasedDeclarations, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, ingestAccepted, startStandaloneForTest } from '@customs-pulse/testing/app';
import { FaultyEventStore } from '@customs-pulse/testing/kafka';
import { io, type Socket } from 'socket.io-client';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body or socket.io payload: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

/**
 * Pinned: the recent window (the 30 UTC days ending today, 2026-02-09 to 2026-03-10) and the expected value depend on
 * the date. The baseline is January 2026, outside the recent window.
 */
const clock = new PacedClock('2026-03-10T07:00:00.000Z');
let standalone: AppUnderTest;
const clients: Socket[] = [];

const OFFICE = 'UZ-TGT';
const TARGET_PATH = '/api/targets/tgt-release';
/** An objective the test's store refuses to hold. */
const UNHOLDABLE = 'an objective this store cannot hold';
/** 10 h over January to 6 h by the end of March, at UZ-TGT. */
const plan = {
  objective: 'Cut the average release time at UZ-TGT',
  kpiId: 'release_time_mean',
  filters: { office: OFFICE },
  baseline: { from: '2026-01-01', to: '2026-02-01' },
  target: 6,
  deadline: '2026-03-31',
};

async function call(method: string, path: string, role: Role | null, body?: unknown): Promise<{ status: number; body: Payload }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(role === null ? {} : { authorization: `Bearer ${standalone.tokens[role]}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function ingest(events: readonly unknown[]): Promise<void> {
  await ingestAccepted(standalone, events);
}

/** `count` declarations at UZ-TGT released at `releasedAt`, each `hours` after arrival. */
let declarations = 0;
function releasedAfter(hours: number, count: number, releasedAt: string): unknown[] {
  const events = releasedDeclarations(OFFICE, hours, count, releasedAt, 'TGT', declarations + 1);
  declarations += count;
  return events;
}

async function projectedThrough(position: number): Promise<void> {
  await waitUntil(`the KPI projection has applied position ${position}`, async () => {
    const ready = (await (await fetch(`${standalone.baseUrl}/health/ready`)).json()) as Payload;
    return ready.kpiProjection?.position >= position;
  });
}

async function everythingProjected(): Promise<void> {
  await projectedThrough((await standalone.app.get<EventStore>(EVENT_STORE).head()).position);
}

async function targetEvents(): Promise<Payload[]> {
  const events = await standalone.app.get<EventStore>(EVENT_STORE).readAll(START, 100_000);
  return events.filter(({ type }) => type.startsWith('Target'));
}

/** A connected client of `role` and every `target.updated` it gets. */
async function liveClient(role: Role): Promise<Payload[]> {
  const socket = io(`${standalone.baseUrl}/live`, { auth: { token: standalone.tokens[role] }, transports: ['websocket'], reconnection: false, forceNew: true });
  clients.push(socket);
  const pushes: Payload[] = [];
  socket.on('target.updated', (target: Payload) => pushes.push(target));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return pushes;
}

/** An instant strictly after everything recorded so far, by the app's clock. */
async function aMomentLater(): Promise<string> {
  const noted = clock.now().getTime();
  await waitUntil('the clock has moved on', () => clock.now().getTime() > noted + 1);
  return new Date(noted + 1).toISOString();
}

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, {
    name: 'targets-e2e',
    clock,
    // A store that cannot hold one objective: what validation lets through must still never be answered 200 unstored.
    eventStore: (store) =>
      new FaultyEventStore(store, {
        refuse: (event) => (event.type === 'TargetSet' && String(event.data['objective']).includes(UNHOLDABLE) ? { field: 'data.objective', reason: 'is too odd for this store' } : undefined),
      }),
  });
  // Baseline: 20 declarations at 10 h in January. Recent: 20 at 8 h on 2026-03-05.
  await ingest([...releasedAfter(10, 20, '2026-01-15T10:00:00.000Z'), ...releasedAfter(8, 20, '2026-03-05T10:00:00.000Z')]);
  await everythingProjected();
});

afterEach(() => {
  for (const socket of clients.splice(0)) socket.disconnect();
});

afterAll(() => standalone?.close());

describe('a strategic target’s life', () => {
  let beforeSet: string;
  let afterSet: string;

  it('is set by an admin, recorded as TargetSet, answered with its progress, and pushed to operators', async () => {
    const pushes = await liveClient('operator');
    beforeSet = await aMomentLater();

    const { status, body } = await call('PUT', TARGET_PATH, 'admin', plan);

    expect(status).toBe(200);
    // Expected on 2026-03-10 07:00: from 10 h on Feb 1 to 6 h on Mar 31 (58 days), 37 days 7 hours in. The paced
    // clock has moved on a few seconds since, which moves it by under 1e-6 h a second.
    const expected = 10 - (4 * (37 + 7 / 24)) / 58;
    expect(body).toMatchObject({
      id: 'tgt-release',
      ...plan,
      baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
      milestones: [],
      baselineValue: 10,
      baselineN: 20,
      recentValue: 8,
      recentN: 20,
      // (8 - 10) / (6 - 10); 8 h is behind the expected 7.43 h but better than the baseline
      progress: 0.5,
      status: 'at_risk',
    });
    expect(body.expected).toBeCloseTo(expected, 4);
    await waitUntil('the operator got target.updated', () => pushes.length > 0);
    // Judged a few milliseconds apart: the expected value has moved by a hair.
    expect(pushes[0]).toEqual({ ...body, expected: expect.any(Number) });
    expect(pushes[0].expected).toBeCloseTo(body.expected, 6);
    expect(await targetEvents()).toMatchObject([
      { type: 'TargetSet', subject: 'tgt-release', source: 'urn:customs-pulse:targets', data: { ...plan, baseline: body.baseline, milestones: [] } },
    ]);
    afterSet = await aMomentLater();
  });

  it('is listed for operators and the roles that include it', async () => {
    for (const role of ['operator', 'risk', 'auditor'] as const) {
      const { status, body } = await call('GET', '/api/targets', role);
      expect(status).toBe(200);
      expect(body).toMatchObject([{ id: 'tgt-release', status: 'at_risk', recentValue: 8 }]);
    }
  });

  it('records nothing when set again exactly as it is', async () => {
    expect((await call('PUT', TARGET_PATH, 'admin', plan)).status).toBe(200);
    expect(await targetEvents()).toHaveLength(1);
  });

  it('is pushed again when its KPI moves it: 20 releases at 4 h bring the recent mean to 6 h, achieved', async () => {
    const pushes = await liveClient('risk');
    await ingest(releasedAfter(4, 20, '2026-03-09T10:00:00.000Z'));

    await waitUntil('an achieved target.updated came', () => pushes.some((target) => target.status === 'achieved'));
    expect(pushes.find((target) => target.status === 'achieved')).toMatchObject({ id: 'tgt-release', recentValue: 6, recentN: 40, progress: 1 });
    expect((await call('GET', '/api/targets', 'operator')).body).toMatchObject([{ status: 'achieved', recentValue: 6 }]);
  });

  it('answers as things stood at asOf: no target before it was set, at risk on 8 h after', async () => {
    expect((await call('GET', `/api/targets?asOf=${beforeSet}`, 'auditor')).body).toEqual([]);
    expect((await call('GET', `/api/targets?asOf=${afterSet}`, 'auditor')).body).toMatchObject([{ id: 'tgt-release', recentValue: 8, recentN: 20, status: 'at_risk' }]);
  });

  it('is retired by an admin, recorded as TargetRetired, pushed as retired, and no longer listed', async () => {
    const pushes = await liveClient('operator');
    const { status } = await call('DELETE', TARGET_PATH, 'admin');

    expect(status).toBe(204);
    await waitUntil('the retirement was pushed', () => pushes.some((target) => target.retired === true));
    expect(pushes.at(-1)).toEqual({ id: 'tgt-release', retired: true });
    expect((await call('GET', '/api/targets', 'operator')).body).toEqual([]);
    expect((await targetEvents()).map(({ type }) => type)).toEqual(['TargetSet', 'TargetRetired']);
    expect((await call('GET', '/api/audit/streams/tgt-release', 'auditor')).body.map((event: Payload) => event.type)).toEqual(['TargetSet', 'TargetRetired']);
  });

  it('is 404 when retired again or never set', async () => {
    expect((await call('DELETE', TARGET_PATH, 'admin')).status).toBe(404);
    expect((await call('DELETE', '/api/targets/never-set', 'admin')).status).toBe(404);
  });
});

describe('who may do what', () => {
  it('refuses reading targets without the operator role (403) or a token (401)', async () => {
    expect((await call('GET', '/api/targets', 'ingest')).status).toBe(403);
    expect((await call('GET', '/api/targets', 'admin')).status).toBe(403);
    expect((await call('GET', '/api/targets', null)).status).toBe(401);
  });

  it('refuses changing targets without the admin role', async () => {
    for (const role of ['operator', 'risk', 'auditor', 'ingest'] as const) {
      expect((await call('PUT', '/api/targets/by-others', role, plan)).status).toBe(403);
      expect((await call('DELETE', '/api/targets/by-others', role)).status).toBe(403);
    }
    expect((await call('PUT', '/api/targets/by-others', null, plan)).status).toBe(401);
  });

  it('refuses asOf to anyone but an auditor', async () => {
    expect((await call('GET', '/api/targets?asOf=2026-03-10T00:00:00.000Z', 'operator')).status).toBe(403);
  });
});

describe('bad input', () => {
  const problems = async (path: string, body: unknown): Promise<Payload[]> => {
    const answer = await call('PUT', path, 'admin', body);
    expect(answer.status).toBe(400);
    return answer.body.errors;
  };

  it('answers 400 naming the field, and records nothing, when the store refuses the target event', async () => {
    const answer = await call('PUT', '/api/targets/unholdable', 'admin', { ...plan, objective: UNHOLDABLE });

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: 'body.objective', message: 'cannot be stored: is too odd for this store' }]);
    expect((await call('GET', '/api/targets', 'operator')).body.map((target: Payload) => target.id)).not.toContain('unholdable');
  });

  it('names each bad field of the body, and a bad id', async () => {
    expect(await problems('/api/targets/Bad_Id', { objective: '', kpiId: 'nope', baseline: { from: '2026-01-01T05:00:00Z', to: '2026-02-01' }, target: 'x', deadline: '31/03/2026', extra: 1 })).toEqual(
      expect.arrayContaining([
        { path: 'path.id', message: 'must be 1 to 64 characters of a-z, 0-9 and -' },
        { path: 'body.objective', message: 'must be a string of 1 to 200 characters' },
        { path: 'body.kpiId', message: 'must be the id of a KPI of the catalogue (GET /api/kpis)' },
        { path: 'body.baseline.from', message: expect.stringContaining('must be a UTC midnight') },
        { path: 'body.target', message: "must be a finite number in the KPI's unit" },
        { path: 'body.deadline', message: 'must be a date written YYYY-MM-DD' },
        { path: 'body.extra', message: 'is not a field here' },
      ]),
    );
  });

  it('refuses a count or sum KPI, an unknown slice, a null baseline value, a target not better than it', async () => {
    expect(await problems('/api/targets/t', { ...plan, kpiId: 'seizures_count', filters: {} })).toEqual([{ path: 'body.kpiId', message: expect.stringContaining('seizures_count is a count') }]);
    expect(await problems('/api/targets/t', { ...plan, filters: { category: 'DRUGS' } })).toEqual([{ path: 'body.filters.category', message: expect.stringContaining('not sliced by category') }]);
    expect(await problems('/api/targets/t', { ...plan, baseline: { from: '2025-01-01', to: '2025-02-01' } })).toEqual([
      { path: 'body.baseline', message: expect.stringContaining('has no value over [2025-01-01T00:00:00.000Z, 2025-02-01T00:00:00.000Z)') },
    ]);
    expect(await problems('/api/targets/t', { ...plan, target: 10 })).toEqual([{ path: 'body.target', message: 'must be below the baseline value 10 (lower is better for release_time_mean)' }]);
  });

  it('refuses a deadline not later than baseline.to, and milestones out of range or order', async () => {
    expect(await problems('/api/targets/t', { ...plan, deadline: '2026-02-01' })).toEqual([{ path: 'body.deadline', message: 'must be later than baseline.to (2026-02-01)' }]);
    expect(await problems('/api/targets/t', { ...plan, milestones: [{ date: '2026-03-01', value: 8 }, { date: '2026-02-15', value: 9 }, { date: '2026-04-01', value: 7 }] })).toEqual([
      { path: 'body.milestones.1.date', message: 'must be later than milestones.0.date: milestones go in date order' },
      { path: 'body.milestones.2.date', message: 'must be strictly between baseline.to and the deadline' },
    ]);
  });

  it('refuses a body that is not a JSON object, and an unknown or malformed query parameter', async () => {
    expect((await call('PUT', '/api/targets/t', 'admin', [plan])).status).toBe(400);
    const unknown = await call('GET', '/api/targets?office=UZ-TGT', 'operator');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'query.office', message: 'is not a parameter of this endpoint; it takes asOf' }]);
    expect((await call('GET', '/api/targets?asOf=yesterday', 'auditor')).body.errors).toEqual([{ path: 'query.asOf', message: expect.stringContaining('RFC 3339') }]);
  });
});

describe('producers', () => {
  it('cannot submit TargetSet or TargetRetired: each is rejected with the reason, nothing stored', async () => {
    const forged = ['TargetSet', 'TargetRetired'].map((type, index) => ({
      specversion: '1.0',
      id: `forged-${index}`,
      source: 'urn:customs:forger',
      type,
      subject: 'tgt-forged',
      time: '2026-03-10T06:00:00Z',
      data: type === 'TargetSet' ? plan : {},
    }));
    const { status, body } = await call('POST', '/api/events', 'ingest', forged);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      accepted: 0,
      rejected: [
        { index: 0, errors: expect.arrayContaining([{ path: 'type', message: 'TargetSet is written by the system and cannot be submitted' }]) },
        { index: 1, errors: expect.arrayContaining([{ path: 'type', message: 'TargetRetired is written by the system and cannot be submitted' }]) },
      ],
    });
    expect((await targetEvents()).filter(({ subject }) => subject === 'tgt-forged')).toEqual([]);
  });
});
