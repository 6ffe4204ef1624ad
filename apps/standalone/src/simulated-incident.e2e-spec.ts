/**
 * Issue 8: a simulator incident raises the right alerts, and they resolve once the office recovers. The incident is
 * the simulator's `office-slowdown` (libs/simulation); the recovery is a day's worth of fast releases at the same
 * office, posted like any producer would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { loadConfig } from '@customs-pulse/config';
import { createHttpApp } from '@customs-pulse/http';
import { TrafficSimulation } from '@customs-pulse/simulation';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandaloneModule } from './standalone.module.js';

const SECRET = 'simulated-incident-secret-of-32-bytes-at-least';
const SLOWED_OFFICE = 'UZ-SAM';
const dataDir = mkdtempSync(join(tmpdir(), 'customs-pulse-incident-'));
let app: INestApplication;
let baseUrl: string;
let ingest = '';
let risk = '';

interface Alert {
  readonly id: string;
  readonly rule: string;
  readonly kpiId?: string;
  readonly filters: Record<string, string>;
  readonly severity: string;
  readonly status: string;
}

async function post(events: readonly unknown[]): Promise<void> {
  for (let from = 0; from < events.length; from += 1000) {
    const response = await fetch(`${baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest}` },
      body: JSON.stringify(events.slice(from, from + 1000)),
    });
    expect(response.status).toBe(200);
  }
}

async function releaseTimeAlertsOfTheOffice(): Promise<Alert[]> {
  const response = await fetch(`${baseUrl}/api/alerts`, { headers: { authorization: `Bearer ${risk}` } });
  const alerts = (await response.json()) as Alert[];
  return alerts.filter((alert) => alert.rule === 'kpi_threshold' && alert.filters['office'] === SLOWED_OFFICE && alert.kpiId?.startsWith('release_time'));
}

beforeAll(async () => {
  const key = new TextEncoder().encode(SECRET);
  ingest = await issueAccessToken(key, ['ingest']);
  risk = await issueAccessToken(key, ['risk']);
  app = await createHttpApp(StandaloneModule.forRoot(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), SECRET), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a simulated office slowdown', () => {
  it('raises release-time alerts for the office, which resolve once its releases are fast again', async () => {
    const start = Date.now() - 10 * 60_000;
    const traffic = new TrafficSimulation({ seed: 3, start, rate: 2, days: 0, incidents: [{ kind: 'office-slowdown', officeId: SLOWED_OFFICE, afterSeconds: 30 }] });
    await post(traffic.takeDue(start + 5 * 60_000, Infinity).map(({ event }) => event));

    await waitUntil('a release-time alert is open for the slowed office', async () => (await releaseTimeAlertsOfTheOffice()).length > 0, 60_000);
    const raised = await releaseTimeAlertsOfTheOffice();
    expect(raised.map((alert) => alert.kpiId)).toContain('release_time_p90');
    expect(raised.find((alert) => alert.kpiId === 'release_time_p90')).toMatchObject({ severity: 'critical', status: 'open' });

    // Recovery: 1,000 declarations released within the hour at the same office outweigh the slow ones in every
    // release-time KPI (mean, p50, p90, share within target).
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const recovery = Array.from({ length: 1000 }, (_, index) => [
      anEvent.goodsArrived(`RECOVERY-${index}`, { officeId: SLOWED_OFFICE }, { time: minutesAgo(60) }),
      anEvent.declarationLodged(`RECOVERY-${index}`, { officeId: SLOWED_OFFICE }, { time: minutesAgo(50) }),
      anEvent.goodsReleased(`RECOVERY-${index}`, {}, { time: minutesAgo(40) }),
    ]).flat();
    await post(recovery);

    await waitUntil(
      'every release-time alert of the office has resolved',
      async () => (await releaseTimeAlertsOfTheOffice()).every((alert) => alert.status === 'resolved'),
      60_000,
    );
    const ids = (await releaseTimeAlertsOfTheOffice()).map((alert) => alert.id);
    expect(ids).toEqual(expect.arrayContaining(raised.map((alert) => alert.id)));
  }, 180_000);
});
