import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@customs-pulse/auth';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

let standalone: AppUnderTest;

const HOUR = 3_600_000;
/** The start of the present hour: event times are whole hours before it, so that they land in known buckets. */
const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
const hoursAgo = (hours: number): string => new Date(thisHour - hours * HOUR).toISOString();

/** A subject holding `/`, which the path carries URL-encoded. */
const DECLARATION_A = 'UZ-TAS/2026/000001';
const firstBatch = [
  anEvent.goodsArrived(DECLARATION_A, { officeId: 'UZ-TAS', transportMode: 'SEA' }, { time: hoursAgo(5) }),
  anEvent.declarationLodged(DECLARATION_A, { officeId: 'UZ-TAS', transportMode: 'SEA', regime: 'IMPORT' }, { time: hoursAgo(4) }),
  anEvent.laneAssigned(DECLARATION_A, { lane: 'GREEN' }, { time: hoursAgo(4) }),
  anEvent.goodsReleased(DECLARATION_A, {}, { time: hoursAgo(2) }),
];
const laterBatch = [
  anEvent.goodsArrived('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD' }, { time: hoursAgo(6) }),
  anEvent.declarationLodged('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD', regime: 'EXPORT' }, { time: hoursAgo(6) }),
  anEvent.goodsReleased('D-B', {}, { time: hoursAgo(1) }),
];

async function get(path: string, role: Role | null = 'auditor'): Promise<{ status: number; body: ResponseBody }> {
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

const liveReleaseTime = async (): Promise<ResponseBody> => (await get('/api/kpis/release_time_mean/current', 'operator')).body;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'audit-e2e' });
  expect((await post('/api/events', firstBatch, 'ingest')).body).toMatchObject({ accepted: 4 });
  await waitUntil('the projection has applied the first batch', async () => (await liveReleaseTime()).n === 1);
});

afterAll(() => standalone?.close());

describe('asOf: what a dashboard showed at T', () => {
  it('stays the same after later events are stored, while the live value moves on', async () => {
    // T: after the first batch was stored, before the later one.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const t = encodeURIComponent(new Date().toISOString());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const shownAtT = await liveReleaseTime();
    const beforeOne = await get(`/api/kpis/release_time_mean/current?asOf=${t}`);
    const allBefore = await get(`/api/kpis/current?asOf=${t}`);

    expect((await post('/api/events', laterBatch, 'ingest')).body).toMatchObject({ accepted: 3 });
    await waitUntil('the projection has applied the later batch', async () => (await liveReleaseTime()).n === 2);
    const afterOne = await get(`/api/kpis/release_time_mean/current?asOf=${t}`);
    const allAfter = await get(`/api/kpis/current?asOf=${t}`);

    // The dashboard at T: D-A alone, released 3 h after arrival, the first 4 positions.
    expect(shownAtT).toMatchObject({ value: 3, n: 1, position: 4 });
    expect(beforeOne).toEqual({ status: 200, body: expect.objectContaining({ value: shownAtT.value, n: shownAtT.n, position: shownAtT.position }) });
    expect(afterOne).toEqual(beforeOne);
    expect(allAfter).toEqual(allBefore);
    expect(allAfter.body.values).toContainEqual({ kpiId: 'release_time_mean', value: 3, n: 1 });
    // Live, D-B's 5 h has moved the mean to 4.
    expect(await liveReleaseTime()).toMatchObject({ value: 4, n: 2, position: 7 });
  });
});

describe('GET /api/audit/streams/:subject', () => {
  it('gives every stored event of the subject in stream order, with position, recordedAt and hash', async () => {
    const { status, body } = await get(`/api/audit/streams/${encodeURIComponent(DECLARATION_A)}`);

    expect(status).toBe(200);
    expect(body.map((event: ResponseBody) => [event.revision, event.position, event.type])).toEqual([
      [0, 1, 'GoodsArrived'],
      [1, 2, 'DeclarationLodged'],
      [2, 3, 'LaneAssigned'],
      [3, 4, 'GoodsReleased'],
    ]);
    for (const [index, event] of body.entries()) {
      expect(event).toEqual({
        position: index + 1,
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        stream: DECLARATION_A,
        revision: index,
        id: firstBatch[index]!.id,
        source: firstBatch[index]!.source,
        type: firstBatch[index]!.type,
        subject: DECLARATION_A,
        time: firstBatch[index]!.time,
        data: firstBatch[index]!.data,
        extensions: {},
      });
    }
  });

  it('answers a subject with no stored event with 404 naming it', async () => {
    const { status, body } = await get('/api/audit/streams/D-NOWHERE');

    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404, detail: expect.stringContaining('"D-NOWHERE"') });
  });

  it.each([
    { who: 'no token', role: null, status: 401 },
    { who: 'an operator', role: 'operator' as const, status: 403 },
  ])('refuses $who with $status', async ({ role, status }) => {
    expect((await get('/api/audit/streams/D-B', role)).status).toBe(status);
  });
});

describe('GET /api/audit/verify', () => {
  it('walks the whole chain and finds it intact', async () => {
    expect(await get('/api/audit/verify')).toEqual({ status: 200, body: { ok: true, checked: 7 } });
  });

  it('verifies a range against a link noted earlier', async () => {
    const [, , noted] = (await get(`/api/audit/streams/${encodeURIComponent(DECLARATION_A)}`)).body;

    expect((await get(`/api/audit/verify?from=4&anchor=3:${noted.hash}`)).body).toEqual({ ok: true, checked: 4 });
    expect((await get(`/api/audit/verify?from=4&anchor=3:${'0'.repeat(64)}`)).body).toEqual({
      ok: false,
      checked: 0,
      firstBroken: { position: 3, expected: '0'.repeat(64), found: noted.hash },
    });
  });

  it('refuses malformed parameters and a range outside the log with 400', async () => {
    const malformed = await get('/api/audit/verify?from=first&anchor=3&since=1');
    const outside = await get('/api/audit/verify?from=100');

    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((error: { path: string }) => error.path)).toEqual(['query.since', 'query.from', 'query.anchor']);
    expect(outside).toMatchObject({ status: 400, body: { detail: 'from (100) is after the last stored position (7)' } });
  });

  it.each([
    { who: 'no token', role: null, status: 401 },
    { who: 'an operator', role: 'operator' as const, status: 403 },
  ])('refuses $who with $status', async ({ role, status }) => {
    expect((await get('/api/audit/verify', role)).status).toBe(status);
  });

  it('names the first broken link once a stored event is edited in the database behind the app', async () => {
    const db = new Database(join(standalone.dataDir, 'events.sqlite'));
    db.prepare(`UPDATE event_log SET data = json_set(data, '$.lane', 'RED') WHERE position = 3`).run();
    db.close();

    const { status, body } = await get('/api/audit/verify');

    expect(status).toBe(200);
    expect(body).toEqual({
      ok: false,
      checked: 2,
      firstBroken: { position: 3, expected: expect.stringMatching(/^[0-9a-f]{64}$/), found: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(body.firstBroken.expected).not.toBe(body.firstBroken.found);
  });
});
