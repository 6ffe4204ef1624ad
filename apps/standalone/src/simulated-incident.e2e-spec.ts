/**
 * Issue 8: a simulator incident raises the right alerts, and they resolve once the office recovers. The incident is
 * the simulator's `office-slowdown` (libs/simulation); the recovery is a day's worth of fast releases at the same
 * office, posted like any producer would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TrafficSimulation } from '@customs-pulse/simulation';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

const SLOWED_OFFICE = 'UZ-SAM';
let standalone: AppUnderTest;

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
    const response = await fetch(`${standalone.baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens.ingest}` },
      body: JSON.stringify(events.slice(from, from + 1000)),
    });
    expect(response.status).toBe(200);
  }
}

async function releaseTimeAlertsOfTheOffice(): Promise<Alert[]> {
  const response = await fetch(`${standalone.baseUrl}/api/alerts`, { headers: { authorization: `Bearer ${standalone.tokens.risk}` } });
  const alerts = (await response.json()) as Alert[];
  return alerts.filter((alert) => alert.rule === 'kpi_threshold' && alert.filters['office'] === SLOWED_OFFICE && alert.kpiId?.startsWith('release_time'));
}

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'incident-e2e', logger: ['error'] });
});

afterAll(() => standalone?.close());

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
