import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { anEvent, EventLogGate, TestClock, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, ingestAccepted, startStandaloneForTest } from '@customs-pulse/testing/app';
import Database from 'better-sqlite3';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

const clock = new TestClock('2026-03-03T12:30:00.000Z');
const hoursAgo = (hours: number): string => new Date(Date.parse('2026-03-03T12:00:00.000Z') - hours * 3_600_000).toISOString();

/** What the KPI endpoints answer: the same before the read model broke and after its rebuild. */
const KPI_QUERIES = [
  '/api/kpis/current',
  '/api/kpis/release_time_mean/current',
  `/api/kpis/release_time_mean/series?granularity=hour&from=${hoursAgo(6)}&to=${hoursAgo(0)}`,
  '/api/kpis/current/offices',
  '/api/declarations/D-A',
  '/api/quality',
  '/api/targets',
  '/api/reports/trs?from=2026-03-03&to=2026-03-04',
  '/api/reports/pmm?from=2026-03-03&to=2026-03-04',
];

/** The first generation's file in the data folder: `DATA_DIR/kpi/read-model-1.sqlite`. */
const firstGeneration = (standalone: AppUnderTest): string => join(standalone.dataDir, 'kpi', 'read-model-1.sqlite');

/** Ways a read model on disk stops loading, each as `npm start` would meet it after a restart. */
const CORRUPTIONS: readonly [string, string, (standalone: AppUnderTest) => void][] = [
  ['a bucket row that is not JSON', 'in JSON at position', (standalone) => {
    const db = new Database(firstGeneration(standalone));
    try {
      db.prepare('UPDATE kpi_buckets SET bucket = ?').run('{not json');
    } finally {
      db.close();
    }
  }],
  ['a bucket of a form this build cannot read', 'values are not 8 integers', (standalone) => {
    const db = new Database(firstGeneration(standalone));
    try {
      // As a build that wrote sums beyond 2^53 left it.
      db.prepare("UPDATE kpi_buckets SET bucket = json_set(bucket, '$.values[1]', 1e16) WHERE json_array_length(bucket, '$.values') = 8").run();
    } finally {
      db.close();
    }
  }],
  ['a file that is not a database at all', 'file is not a database', (standalone) => {
    const file = firstGeneration(standalone);
    for (const companion of ['-wal', '-shm']) rmSync(`${file}${companion}`, { force: true });
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
  }],
];

let standalone: AppUnderTest | undefined;
afterEach(() => standalone?.close());

async function get(path: string): Promise<{ status: number; retryAfter: string | null; body: ResponseBody }> {
  const response = await fetch(`${standalone!.baseUrl}${path}`, { headers: { authorization: `Bearer ${standalone!.tokens.operator}` } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** The KPI projection's part of a readiness answer that is 503: its `detail` ends with every check's status as JSON. */
function kpiProjectionStatus(notReady: ResponseBody): ResponseBody {
  const detail = String(notReady.detail);
  return JSON.parse(detail.slice(detail.indexOf('(') + 1, -1)).kpiProjection;
}

async function ingest(): Promise<void> {
  await ingestAccepted(standalone!, [
    anEvent.goodsArrived('D-A', { officeId: 'UZ-TAS', transportMode: 'SEA' }, { time: hoursAgo(5) }),
    anEvent.declarationLodged('D-A', { officeId: 'UZ-TAS', transportMode: 'SEA', regime: 'IMPORT', customsValue: 12_345.67 }, { time: hoursAgo(4) }),
    anEvent.laneAssigned('D-A', { lane: 'GREEN' }, { time: hoursAgo(4) }),
    anEvent.goodsReleased('D-A', {}, { time: hoursAgo(2) }),
    anEvent.goodsArrived('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD' }, { time: hoursAgo(6) }),
    anEvent.declarationLodged('D-B', { officeId: 'UZ-SAM', transportMode: 'ROAD', regime: 'EXPORT' }, { time: hoursAgo(6) }),
    anEvent.goodsReleased('D-B', {}, { time: hoursAgo(1) }),
    anEvent.seizureRecorded('S-1', { officeId: 'UZ-TAS', category: 'TOBACCO' }, { time: hoursAgo(3) }),
  ]);
}

async function answers(): Promise<ResponseBody[]> {
  return Promise.all(KPI_QUERIES.map(async (path) => (await get(path)).body));
}

describe('the standalone app over a KPI read model that no longer loads', () => {
  it.each(CORRUPTIONS)('on %s: stays live, not ready and answers 503 with Retry-After while it rebuilds, then the same KPIs', async (_case, reason, corrupt) => {
    const gate = new EventLogGate();
    standalone = await startStandaloneForTest(StandaloneModule, { name: 'kpi-restore-e2e', clock, eventStore: (store) => gate.wrap(store) });
    await ingest();
    await waitUntil('the projection has applied the events', async () => (await get('/api/kpis/release_time_mean/current')).body.n === 2);
    const before = await answers();
    await standalone.stop();
    corrupt(standalone);

    // The rebuild waits at the gate until the test has seen the app meanwhile.
    gate.shut();
    await standalone.start();

    expect((await fetch(`${standalone.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${standalone.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    const status = kpiProjectionStatus(await ready.json());
    expect(status).toMatchObject({ ready: false, restoring: true });
    expect(status.error).toContain(reason);
    for (const path of KPI_QUERIES) {
      const answer = await get(path);
      expect({ path, status: answer.status, retryAfter: answer.retryAfter }).toEqual({ path, status: 503, retryAfter: '5' });
      expect(answer.body).toMatchObject({ status: 503 });
      expect(answer.body.detail).toContain('being rebuilt');
    }

    gate.open();
    await waitUntil('the app is ready again', async () => (await fetch(`${standalone!.baseUrl}/health/ready`)).status === 200);
    expect(await answers()).toEqual(before);
  });
});
