import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type AlertNotice } from '@customs-pulse/alerts';
import { issueAccessToken, type Role } from '@customs-pulse/auth';
import { LiveHub } from '@customs-pulse/realtime';
import { anEvent, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { io, type Socket } from 'socket.io-client';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body or socket.io payload: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

/** A `kpi.updated` as a client received it, and when. */
type Received = Payload & { readonly receivedAt: number };

let standalone: AppUnderTest;
const clients: Socket[] = [];

const HOUR = 3_600_000;
/** An hour ago: inside the 24 hours `current` covers. */
const anHourAgo = (): string => new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR).toISOString();

async function get(path: string): Promise<Payload> {
  const response = await fetch(`${standalone.baseUrl}${path}`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } });
  return response.json();
}

async function ingest(events: readonly unknown[]): Promise<void> {
  const response = await fetch(`${standalone.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens.ingest}` },
    body: JSON.stringify(events),
  });
  expect(await response.json()).toMatchObject({ accepted: events.length, rejected: [] });
}

/** A seizure at `office` an hour ago: one more for `seizures_count` of that office. */
let seizures = 0;
const aSeizureAt = (office: string): unknown => anEvent.seizureRecorded(`S-${(seizures += 1)}`, { officeId: office }, { time: anHourAgo() });

/** A client of `/live` with `auth`, websocket only, that does not reconnect by itself. */
function client(auth: Record<string, unknown>): Socket {
  const socket = io(`${standalone.baseUrl}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  clients.push(socket);
  return socket;
}

/** A connected client of `role`. */
function connectAs(role: Role): Promise<Socket> {
  const socket = client({ token: standalone.tokens[role] });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The `connect_error` a client with `auth` gets. */
function refusalOf(auth: Record<string, unknown>): Promise<Error & { data?: Payload }> {
  const socket = client(auth);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', resolve);
    socket.once('connect', () => reject(new Error('the connection was accepted')));
  });
}

function subscribe(socket: Socket, subscription: Record<string, unknown>): Promise<Payload> {
  return socket.timeout(5_000).emitWithAck('subscribe', subscription);
}

/** Every `kpi.updated` `socket` gets from now on. */
function updatesOf(socket: Socket): Received[] {
  const received: Received[] = [];
  socket.on('kpi.updated', (update: Payload) => received.push({ ...update, receivedAt: Date.now() }));
  return received;
}

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'live-e2e' });
  await ingest([aSeizureAt('UZ-TAS'), aSeizureAt('UZ-TAS'), aSeizureAt('UZ-SAM')]);
  await waitUntil('the projection has applied the seizures', async () => (await get('/api/kpis/seizures_count/current')).value === 3);
});

afterEach(() => {
  for (const socket of clients.splice(0)) socket.disconnect();
});

afterAll(() => standalone?.close());

describe('connecting to /live', () => {
  it.each([
    { who: 'without a token', auth: () => ({}), status: 401, message: /auth\.token/ },
    { who: 'with a token signed with another secret', auth: async () => ({ token: await issueAccessToken(new TextEncoder().encode('x'.repeat(40)), ['operator']) }), status: 401, message: /not a valid HS256 JWT/ },
    { who: 'with a token that is not a JWT', auth: () => ({ token: 'garbage' }), status: 401, message: /not a valid HS256 JWT/ },
    { who: 'with an ingest-only token', auth: () => ({ token: standalone.tokens.ingest }), status: 403, message: /role operator is required/ },
  ])('refuses a client $who, saying why', async ({ auth, status, message }) => {
    const refusal = await refusalOf(await auth());

    expect(refusal.message).toMatch(message);
    expect(refusal.data).toEqual({ status });
  });

  it('admits an operator', async () => {
    expect((await connectAs('operator')).connected).toBe(true);
  });
});

describe('subscribe', () => {
  it('is acknowledged with the current values of the slice, as GET /api/kpis/:id/current answers them', async () => {
    const socket = await connectAs('operator');

    const snapshot = await subscribe(socket, { kpis: ['seizures_count', 'release_time_mean'], office: 'UZ-TAS' });

    const seizuresNow = await get('/api/kpis/seizures_count/current?office=UZ-TAS');
    expect(snapshot).toEqual({
      position: seizuresNow.position,
      values: [
        { kpiId: 'seizures_count', filters: { office: 'UZ-TAS' }, value: 2, n: 2 },
        { kpiId: 'release_time_mean', filters: { office: 'UZ-TAS' }, value: null, n: 0 },
      ],
    });
  });

  it('takes "*" as every KPI that can be sliced by the filters', async () => {
    const socket = await connectAs('operator');

    const snapshot = await subscribe(socket, { kpis: '*', regime: 'IMPORT' });

    const current = await get('/api/kpis/current?regime=IMPORT');
    expect(snapshot.values.map(({ kpiId }: Payload) => kpiId)).toEqual(current.values.map(({ kpiId }: Payload) => kpiId));
    expect(snapshot.values.map(({ kpiId }: Payload) => kpiId)).not.toContain('seizures_count');
    expect(snapshot.values.every(({ filters }: Payload) => filters.regime === 'IMPORT')).toBe(true);
  });

  it('answers a bad subscription with an error naming each field, and the client stays connected', async () => {
    const socket = await connectAs('operator');

    const answer = await subscribe(socket, { kpis: ['release_time_mean', 'happiness'], transportMode: 'TELEPORT' });

    expect(answer.error).toMatchObject({ status: 400, title: 'Bad subscription' });
    expect(answer.error.errors).toEqual([
      { path: 'transportMode', message: expect.stringContaining('must be one of SEA, AIR') },
      { path: 'kpis[1]', message: 'is not a KPI of the catalogue: "happiness"' },
    ]);
    expect(socket.connected).toBe(true);
    expect(await subscribe(socket, { kpis: ['backlog'] })).toHaveProperty('values');
  });
});

describe('kpi.updated', () => {
  it('pushes a changed value with a position not older than the snapshot’s', async () => {
    const socket = await connectAs('operator');
    const updates = updatesOf(socket);
    const snapshot = await subscribe(socket, { kpis: ['seizures_count'], office: 'UZ-PUSH' });
    expect(snapshot.values).toEqual([{ kpiId: 'seizures_count', filters: { office: 'UZ-PUSH' }, value: 0, n: 0 }]);

    await ingest([aSeizureAt('UZ-PUSH')]);
    await waitUntil('the update is pushed', () => updates.length > 0);

    const { receivedAt: _receivedAt, ...update } = updates[0]!;
    expect(update).toEqual({
      kpiId: 'seizures_count',
      filters: { office: 'UZ-PUSH' },
      value: 1,
      n: 1,
      window: (await get('/api/kpis/seizures_count/current?office=UZ-PUSH')).window,
      position: expect.any(Number),
    });
    expect(update.position).toBeGreaterThanOrEqual(snapshot.position);
  });

  it('pushes to a client subscribed to one office only that office’s updates', async () => {
    const [east, west] = await Promise.all([connectAs('operator'), connectAs('operator')]);
    const eastUpdates = updatesOf(east);
    const westUpdates = updatesOf(west);
    await subscribe(east, { kpis: ['seizures_count'], office: 'UZ-EAST' });
    await subscribe(west, { kpis: ['seizures_count'], office: 'UZ-WEST' });

    await ingest([aSeizureAt('UZ-WEST')]);
    await waitUntil('the west update is pushed', () => westUpdates.length > 0);
    // Pushed in commit order: had the east client been sent the west update, it would have come before this one.
    await ingest([aSeizureAt('UZ-EAST')]);
    await waitUntil('the east update is pushed', () => eastUpdates.length > 0);

    expect(eastUpdates.map(({ filters, value }) => ({ filters, value }))).toEqual([{ filters: { office: 'UZ-EAST' }, value: 1 }]);
    expect(westUpdates.map(({ filters, value }) => ({ filters, value }))).toEqual([{ filters: { office: 'UZ-WEST' }, value: 1 }]);
  });

  it('coalesces a burst to at most 4 a second per KPI and slice (+1 trailing), the last one the current value', async () => {
    const socket = await connectAs('operator');
    const updates = updatesOf(socket);
    await subscribe(socket, { kpis: ['seizures_count'] });
    await subscribe(socket, { kpis: ['seizures_count'], office: 'UZ-BURST' });

    // Many small commits in little time: each request is appended, and projected, on its own or nearly.
    await Promise.all(Array.from({ length: 24 }, () => ingest([aSeizureAt('UZ-BURST')])));
    const settled = async (path: string, office: string | undefined): Promise<boolean> => {
      const current = await get(path);
      const last = updates.filter(({ filters }) => filters.office === office).at(-1);
      return last !== undefined && last.position === current.position && last.value === current.value;
    };
    await waitUntil('the last value of the burst is pushed to both slices', async () => (await settled('/api/kpis/seizures_count/current?office=UZ-BURST', 'UZ-BURST')) && (await settled('/api/kpis/seizures_count/current', undefined)));

    for (const office of ['UZ-BURST', undefined]) {
      const slice = updates.filter(({ filters }) => filters.office === office);
      for (const { receivedAt } of slice) {
        expect(slice.filter((other) => other.receivedAt >= receivedAt && other.receivedAt < receivedAt + 1_000).length).toBeLessThanOrEqual(5);
      }
      const { receivedAt: _receivedAt, ...last } = slice.at(-1)!;
      expect(last).toEqual(await get(`/api/kpis/seizures_count/current${office === undefined ? '' : `?office=${office}`}`));
    }
    expect(updates.filter(({ filters }) => filters.office === 'UZ-BURST').at(-1)!.value).toBe(24);
  });

  it('stops after unsubscribe', async () => {
    const [leaving, staying] = await Promise.all([connectAs('operator'), connectAs('operator')]);
    const leavingUpdates = updatesOf(leaving);
    const stayingUpdates = updatesOf(staying);
    await subscribe(leaving, { kpis: ['seizures_count', 'seizures_value'], office: 'UZ-LEAVE' });
    await subscribe(staying, { kpis: ['seizures_count'], office: 'UZ-LEAVE' });

    expect(await leaving.timeout(5_000).emitWithAck('unsubscribe', { kpis: ['seizures_count', 'seizures_value'], office: 'UZ-LEAVE' })).toEqual({ ok: true });
    await subscribe(leaving, { kpis: ['seizures_count'], office: 'UZ-LEAVE-MARKER' });
    await ingest([aSeizureAt('UZ-LEAVE')]);
    await waitUntil('the update is pushed to the client that stayed', () => stayingUpdates.length > 0);
    // A later change the leaving client does follow: a connection delivers in order, so had UZ-LEAVE's updates been
    // sent to it, they would have arrived before this one.
    await ingest([aSeizureAt('UZ-LEAVE-MARKER')]);
    await waitUntil('the later update is pushed to the client that left', () => leavingUpdates.length > 0);

    expect(leavingUpdates.map(({ filters }) => filters)).toEqual([{ office: 'UZ-LEAVE-MARKER' }]);
  });
});

describe('alerts', () => {
  it('pushes an alert published through the hub to a risk client, not to an operator client', async () => {
    const [risk, operator] = await Promise.all([connectAs('risk'), connectAs('operator')]);
    const riskAlerts: Payload[] = [];
    const operatorAlerts: Payload[] = [];
    risk.on('alert.raised', (alert: Payload) => riskAlerts.push(alert));
    operator.on('alert.raised', (alert: Payload) => operatorAlerts.push(alert));

    const alert: AlertNotice = {
      id: 'ALERT-1',
      rule: 'kpi_threshold',
      kpiId: 'release_time_mean',
      filters: {},
      severity: 'critical',
      status: 'open',
      raisedAt: new Date().toISOString(),
      value: 50,
      threshold: 48,
      n: 20,
      position: 1,
      trigger: null,
      details: {},
      escalatedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      note: null,
      resolvedAt: null,
      resolvedValue: null,
    };
    const operatorUpdates = updatesOf(operator);
    await subscribe(operator, { kpis: ['seizures_count'], office: 'UZ-ALERT-MARKER' });
    standalone.app.get(LiveHub).publishAlert('raised', alert);
    await waitUntil('the risk client has the alert', () => riskAlerts.length > 0);
    // A KPI change pushed to the operator after the alert: a connection delivers in order, so had the alert been sent
    // to the operator, it would have arrived before this.
    await ingest([aSeizureAt('UZ-ALERT-MARKER')]);
    await waitUntil('the later KPI change is pushed to the operator', () => operatorUpdates.length > 0);

    expect(riskAlerts).toEqual([alert]);
    expect(operatorAlerts).toEqual([]);
  });
});

describe('a node going down', () => {
  it('drops its clients’ connections rather than their sockets, so that they reconnect by themselves', async () => {
    const socket = await connectAs('operator');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await standalone.stop();

    // socket.io clients reconnect after "transport close", not after "io server disconnect".
    expect(await disconnected).toBe('transport close');
  });
});
