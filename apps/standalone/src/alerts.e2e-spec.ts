import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AlertRulesObserver } from '@customs-pulse/alerts';
import type { Role } from '@customs-pulse/auth';
import { EVENT_STORE, type EventStore, START } from '@customs-pulse/event-store';
import { KpiProjection, type KpiProjectionOptions, TargetWatch } from '@customs-pulse/kpi';
import { InProcessNotifier } from '@customs-pulse/realtime';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { io, type Socket } from 'socket.io-client';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body or socket.io payload: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

let standalone: AppUnderTest;
const clients: Socket[] = [];

const HOUR = 3_600_000;
/** The start of the present hour: releases an hour or two before it are inside the 24 hours `current` covers. */
const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
const hoursAgo = (hours: number): string => new Date(thisHour - hours * HOUR).toISOString();

/** The office whose release times slip. */
const OFFICE = 'UZ-ALERT';

async function call(method: string, path: string, role: Role | null, body?: unknown): Promise<{ status: number; body: Payload }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(role === null ? {} : { authorization: `Bearer ${standalone.tokens[role]}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function ingest(events: readonly unknown[]): Promise<void> {
  const { body } = await call('POST', '/api/events', 'ingest', events);
  expect(body).toMatchObject({ accepted: events.length, rejected: [] });
}

/** `count` declarations at `office`, each released two hours ago after `hours` hours from arrival. */
let declarations = 0;
function releasedAfter(hours: number, count: number, office = OFFICE): unknown[] {
  return Array.from({ length: count }, () => {
    const id = `DEC-${(declarations += 1)}`;
    return [
      anEvent.goodsArrived(id, { officeId: office }, { time: hoursAgo(hours + 2) }),
      anEvent.goodsReleased(id, {}, { time: hoursAgo(2) }),
    ];
  }).flat();
}

const alerts = async (status?: string): Promise<Payload[]> => (await call('GET', `/api/alerts${status ? `?status=${status}` : ''}`, 'risk')).body;
const acknowledge = (id: string, body: unknown, role: Role = 'risk') => call('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, role, body);
const releaseTimeAlertOf = (list: Payload[], office: string): Payload | undefined =>
  list.find((alert) => alert.kpiId === 'release_time_mean' && alert.filters.office === office);

async function alertEventsStored(): Promise<number> {
  const events = await standalone.app.get<EventStore>(EVENT_STORE).readAll(START, 100_000);
  return events.filter(({ type }) => type.startsWith('Alert')).length;
}

/** Waits until the KPI projection has applied the log up to `position` (what `/health/ready` reports). */
async function projectedThrough(position: number): Promise<void> {
  await waitUntil(`the KPI projection has applied position ${position}`, async () => {
    const ready = (await (await fetch(`${standalone.baseUrl}/health/ready`)).json()) as Payload;
    return ready.kpiProjection?.position >= position;
  });
}

/**
 * Waits until the alert rules have judged every event stored so far, and stored what they raised. The projection
 * calls them on each batch it commits, before it applies the next. So once all that is stored has been applied, a
 * marker stored after it lands in a later batch, and its being applied means the rules have returned from every
 * earlier batch. The marker is an offence case: it feeds no KPI and no rule, so it raises nothing itself.
 */
let markers = 0;
async function alertRulesHaveJudgedEverythingStored(): Promise<void> {
  const store = standalone.app.get<EventStore>(EVENT_STORE);
  await projectedThrough((await store.head()).position);
  await ingest([anEvent.offenceCaseOpened(`CASE-MARKER-${(markers += 1)}`, { officeId: 'UZ-MARKER' }, { time: hoursAgo(1) })]);
  await projectedThrough((await store.head()).position);
}

/** A connected risk client, and every alert push it gets, by event name. */
async function riskClient(): Promise<{ socket: Socket; pushes: { event: string; alert: Payload }[] }> {
  const socket = io(`${standalone.baseUrl}/live`, { auth: { token: standalone.tokens.risk }, transports: ['websocket'], reconnection: false, forceNew: true });
  clients.push(socket);
  const pushes: { event: string; alert: Payload }[] = [];
  for (const event of ['alert.raised', 'alert.updated', 'alert.resolved']) socket.on(event, (alert: Payload) => pushes.push({ event, alert }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, pushes };
}

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'alerts-e2e' });
});

afterEach(() => {
  for (const socket of clients.splice(0)) socket.disconnect();
});

afterAll(() => standalone?.close());

describe('wiring', () => {
  it('gives the KPI projection the notifier and the alert rules the app names', () => {
    const options = (standalone.app.get(KpiProjection) as unknown as { options: KpiProjectionOptions }).options;

    expect(options.notifier).toBe(standalone.app.get(InProcessNotifier));
    // The alert rules, then the strategic targets' watch (TargetsModule).
    expect(options.observers).toHaveLength(2);
    expect(options.observers?.[0]).toBe(standalone.app.get(AlertRulesObserver));
    expect(options.observers?.[1]).toBe(standalone.app.get(TargetWatch));
    expect(options.observers?.[0]).toBeInstanceOf(AlertRulesObserver);
  });
});

describe('a threshold alert’s life', () => {
  let alertId: string;

  it('raises no alert for an office with fewer than 20 observations, however slow', async () => {
    await ingest(releasedAfter(100, 19, 'UZ-FEW'));
    await waitUntil('the projection has applied them', async () => (await call('GET', '/api/kpis/release_time_mean/current?office=UZ-FEW', 'operator')).body.n === 19);
    await alertRulesHaveJudgedEverythingStored();

    expect(releaseTimeAlertOf(await alerts(), 'UZ-FEW')).toBeUndefined();
  });

  it('raises a critical alert when 20 declarations of an office average over 48 h, and pushes it to risk clients', async () => {
    const { pushes } = await riskClient();

    await ingest(releasedAfter(58, 20));
    await waitUntil('the alert is open', async () => releaseTimeAlertOf(await alerts('open'), OFFICE) !== undefined);

    const alert = releaseTimeAlertOf(await alerts('open'), OFFICE);
    expect(alert).toMatchObject({
      rule: 'kpi_threshold',
      kpiId: 'release_time_mean',
      filters: { office: OFFICE },
      severity: 'critical',
      status: 'open',
      value: 58,
      threshold: 48,
      n: 20,
      raisedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      acknowledgedAt: null,
      resolvedAt: null,
    });
    alertId = alert.id;
    await waitUntil('the risk client has it', () => pushes.some(({ alert: pushed }) => pushed.id === alertId));
    expect(pushes.filter(({ alert: pushed }) => pushed.id === alertId)).toEqual([{ event: 'alert.raised', alert }]);
  });

  it('acknowledges it for the risk unit, recording who and why, and pushes the update', async () => {
    const { pushes } = await riskClient();

    const { status, body } = await acknowledge(alertId, { note: 'checking the scanner queue' });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id: alertId, status: 'acknowledged', acknowledgedBy: 'risk-1', note: 'checking the scanner queue' });
    expect((await alerts('acknowledged')).map(({ id }: Payload) => id)).toContain(alertId);
    expect((await alerts('open')).map(({ id }: Payload) => id)).not.toContain(alertId);
    await waitUntil('the update is pushed', () => pushes.some(({ alert }) => alert.id === alertId));
    expect(pushes.filter(({ alert }) => alert.id === alertId)).toEqual([{ event: 'alert.updated', alert: body }]);
  });

  it('answers 409 to a second acknowledgement and 404 to an unknown alert', async () => {
    expect(await acknowledge(alertId, {})).toMatchObject({ status: 409, body: { detail: expect.stringContaining('already acknowledged') } });
    expect(await acknowledge('alert:nothing:here', {})).toMatchObject({ status: 404 });
    expect(await acknowledge(alertId, { note: 7 })).toMatchObject({ status: 400, body: { errors: [{ path: 'body.note' }] } });
  });

  it('refuses a note the event store could not hold (a NUL), naming it, rather than acknowledge without a trace', async () => {
    expect(await acknowledge(alertId, { note: 'seen\u0000' })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'body.note', message: expect.stringContaining('U+0000') }] },
    });
  });

  it('resolves by itself when faster releases bring the office back inside the warning threshold', async () => {
    const { pushes } = await riskClient();

    // (20 × 58 h + 40 × 1 h) / 60 = 20 h, inside the 24 h warning threshold.
    await ingest(releasedAfter(1, 40));
    await waitUntil('the alert is resolved', async () => releaseTimeAlertOf(await alerts('resolved'), OFFICE) !== undefined);

    const resolved = releaseTimeAlertOf(await alerts('resolved'), OFFICE);
    expect(resolved).toMatchObject({ id: alertId, status: 'resolved', resolvedAt: expect.any(String) });
    expect(resolved.resolvedValue).toBeLessThanOrEqual(24);
    await waitUntil('the resolution is pushed', () => pushes.some(({ event, alert }) => event === 'alert.resolved' && alert.id === alertId));
  });

  it('answers 409 to acknowledging a resolved alert', async () => {
    expect(await acknowledge(alertId, {})).toMatchObject({ status: 409, body: { detail: expect.stringContaining('resolved') } });
  });
});

describe('event rules', () => {
  it('raise an alert for a seizure of drugs, naming the seizure', async () => {
    const { pushes } = await riskClient();

    await ingest([anEvent.seizureRecorded('CASE-DRUGS', { officeId: OFFICE, category: 'DRUGS', estimatedValue: 500 }, { time: hoursAgo(1) })]);
    await waitUntil('the seizure alert is open', async () => (await alerts('open')).some(({ rule }: Payload) => rule === 'significant_seizure'));

    const alert = (await alerts('open')).find(({ rule }: Payload) => rule === 'significant_seizure');
    expect(alert).toMatchObject({
      severity: 'critical',
      filters: { office: OFFICE },
      value: 500,
      threshold: null,
      trigger: { type: 'SeizureRecorded', subject: 'CASE-DRUGS' },
      details: { category: 'DRUGS', reasons: ['category'] },
    });
    expect(alert).not.toHaveProperty('kpiId');
    await waitUntil('it is pushed', () => pushes.some(({ event, alert: pushed }) => event === 'alert.raised' && pushed.id === alert.id));
  });
});

describe('PUT /api/kpis/:id/thresholds', () => {
  it('changes the thresholds GET /api/kpis shows and records KpiThresholdChanged', async () => {
    const { status, body } = await call('PUT', '/api/kpis/release_time_mean/thresholds', 'admin', { warning: 30, critical: 60 });

    expect(status).toBe(200);
    expect(body).toEqual({ kpiId: 'release_time_mean', direction: 'down', thresholds: { warning: 30, critical: 60 }, previous: { warning: 24, critical: 48 }, changed: true });
    const catalogue = (await call('GET', '/api/kpis', 'operator')).body;
    expect(catalogue.find(({ id }: Payload) => id === 'release_time_mean').thresholds).toEqual({ warning: 30, critical: 60 });
    const recorded = await standalone.app.get<EventStore>(EVENT_STORE).readStream('release_time_mean');
    expect(recorded).toEqual([
      expect.objectContaining({
        type: 'KpiThresholdChanged',
        source: 'urn:customs-pulse:alerts',
        subject: 'release_time_mean',
        data: { kpiId: 'release_time_mean', warning: 30, critical: 60, previous: { warning: 24, critical: 48 }, by: 'admin-1' },
      }),
    ]);
  });

  it('records nothing when the thresholds are already in force', async () => {
    const { body } = await call('PUT', '/api/kpis/release_time_mean/thresholds', 'admin', { warning: 30, critical: 60 });

    expect(body).toMatchObject({ changed: false });
    expect(await standalone.app.get<EventStore>(EVENT_STORE).readStream('release_time_mean')).toHaveLength(1);
  });

  it('answers 400 naming the field for a warning on the bad side of critical, or a value that is not a number', async () => {
    const reversed = await call('PUT', '/api/kpis/released_within_target_rate/thresholds', 'admin', { warning: 0.5, critical: 0.7 });
    const notANumber = await call('PUT', '/api/kpis/backlog/thresholds', 'admin', { warning: '500', critical: 1000 });

    expect(reversed).toMatchObject({ status: 400, body: { errors: [{ path: 'body.warning', message: expect.stringContaining('above critical') }] } });
    expect(notANumber).toMatchObject({ status: 400, body: { errors: [{ path: 'body.warning', message: 'must be a number' }] } });
  });

  it('answers 404 for an unknown KPI and 403 to anyone but an admin', async () => {
    expect(await call('PUT', '/api/kpis/happiness/thresholds', 'admin', { warning: 1, critical: 2 })).toMatchObject({ status: 404 });
    expect(await call('PUT', '/api/kpis/backlog/thresholds', 'risk', { warning: 1, critical: 2 })).toMatchObject({ status: 403 });
  });
});

describe('a rebuild of the KPI read model', () => {
  it('raises no alert again: it appends no alert event, and the rebuilt projection goes on without duplicates', async () => {
    // The threshold change above is judged by the rules too: what they append for it must be in `before`.
    await alertRulesHaveJudgedEverythingStored();
    const before = await alertEventsStored();
    const listed = await alerts();

    expect(await call('POST', '/api/kpis/rebuild', 'admin', {})).toMatchObject({ status: 200 });
    expect(await alertEventsStored()).toBe(before);

    // The rebuilt projector is live now: a new batch is judged against the same alert state.
    await ingest([anEvent.seizureRecorded('CASE-CALM', { officeId: 'UZ-CALM', category: 'TOBACCO' }, { time: hoursAgo(1) })]);
    await waitUntil('the rebuilt projection has applied it', async () => (await call('GET', '/api/kpis/seizures_count/current?office=UZ-CALM', 'operator')).body.value === 1);
    await alertRulesHaveJudgedEverythingStored();

    expect(await alertEventsStored()).toBe(before);
    expect(await alerts()).toEqual(listed);
  });
});

describe('a restart', () => {
  it('raises nothing again: the alert state is read back from the log', async () => {
    const before = await alertEventsStored();
    const listed = await alerts();
    await standalone.stop();

    await standalone.start();
    await ingest([anEvent.seizureRecorded('CASE-AFTER', { officeId: 'UZ-CALM', category: 'TOBACCO' }, { time: hoursAgo(1) })]);
    await waitUntil('the projection has applied it', async () => (await call('GET', '/api/kpis/seizures_count/current?office=UZ-CALM', 'operator')).body.value === 2);
    await alertRulesHaveJudgedEverythingStored();

    expect(await alertEventsStored()).toBe(before);
    expect(await alerts()).toEqual(listed);
    expect(await acknowledge(listed.find(({ rule }: Payload) => rule === 'significant_seizure').id, {})).toMatchObject({ status: 200 });
  });
});

describe('who may see alerts', () => {
  it('answers 403 to an operator, and to an admin, on the alert endpoints', async () => {
    expect(await call('GET', '/api/alerts', 'operator')).toMatchObject({ status: 403 });
    expect(await call('GET', '/api/alerts', 'admin')).toMatchObject({ status: 403 });
    expect(await acknowledge('alert:any', {}, 'operator')).toMatchObject({ status: 403 });
    expect(await call('GET', '/api/alerts', null)).toMatchObject({ status: 401 });
  });

  it('answers 400 to an unknown status', async () => {
    expect(await call('GET', '/api/alerts?status=closed', 'risk')).toMatchObject({ status: 400, body: { errors: [{ path: 'query.status' }] } });
  });
});
