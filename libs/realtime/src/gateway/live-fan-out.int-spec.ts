import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KPI_CATALOGUE } from '@customs-pulse/domain';
import { type KpiUpdate } from '@customs-pulse/kpi';
import { waitUntil } from '@customs-pulse/testing';
import { createServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, type Socket as TcpSocket } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';

import { LiveHub, KPI_UPDATED } from '../hub/live-hub.js';
import { SILENT_LIVE_PUSH_METRICS } from '../hub/live-push-metrics.port.js';
import { kpiRoom } from '../subscriptions/live-rooms.js';
import { namespaceRooms } from './namespace-rooms.js';
import { WebsocketWriteBatching } from './websocket-write-batching.js';

// Real socket.io, engine.io, ws and TCP on 127.0.0.1: what the batching reaches into is the drivers' own, so only
// they can tell that it still works, and that each `kpi.updated` still reaches the client as an event of its own.

const COALESCE_MS = 100;
/** The rooms of a client on `"*"`: every KPI of the catalogue, no filters. */
const ROOMS = KPI_CATALOGUE.map(({ id }) => id);

const update = (kpiId: KpiUpdate['kpiId'], position: number): KpiUpdate => ({
  kpiId,
  filters: {},
  value: position,
  n: position,
  window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
  position,
});

let http: HttpServer;
let server: Server;
let hub: LiveHub;
let client: Socket;
/** Writes (syscalls) on the server's end of the client's TCP connection. */
let writes = 0;
const received: KpiUpdate[] = [];

beforeAll(async () => {
  http = createServer();
  // The client's only TCP connection: the websocket is upgraded from it.
  http.on('connection', (tcp: TcpSocket) => {
    // A stream hands each write it could not merge to _write, and what it buffered while corked to _writev.
    for (const method of ['_write', '_writev'] as const) {
      const write = tcp[method] as (...args: unknown[]) => void;
      tcp[method] = (...args: unknown[]) => {
        writes += 1;
        write.apply(tcp, args);
      };
    }
  });
  server = new Server(http, { serveClient: false });
  new WebsocketWriteBatching().attach(server.engine);
  const namespace = server.of('/live');
  namespace.on('connection', (socket) => void socket.join(ROOMS.map((kpiId) => kpiRoom(kpiId, {}))));
  hub = new LiveHub({ coalesceMs: COALESCE_MS });
  hub.attach(namespaceRooms(namespace, SILENT_LIVE_PUSH_METRICS));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
  client.on(KPI_UPDATED, (pushed: KpiUpdate) => received.push(pushed));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  await waitUntil('the client is in every room', () => namespace.adapter.rooms.get(kpiRoom(ROOMS[0]!, {}))?.size === 1);
});

afterAll(async () => {
  client.disconnect();
  hub.stop();
  await server.close();
});

describe('live fan-out over a real websocket', () => {
  it('delivers a burst over every room as one kpi.updated per room, in order, in two TCP writes', async () => {
    writes = 0;

    hub.pushKpiUpdates(ROOMS.map((kpiId, index) => update(kpiId, index + 1)));
    await waitUntil('the burst has arrived', () => received.length === ROOMS.length);

    expect(received).toEqual(ROOMS.map((kpiId, index) => update(kpiId, index + 1)));
    expect(writes).toBe(2);
  });

  it('delivers each room’s latest value when the rooms’ intervals end together, again in two TCP writes', async () => {
    // Two more commits within the interval: the second one's values are the latest.
    hub.pushKpiUpdates(ROOMS.map((kpiId, index) => update(kpiId, 100 + index)));
    hub.pushKpiUpdates(ROOMS.map((kpiId, index) => update(kpiId, 200 + index)));
    writes = 0;
    await waitUntil('the interval’s end has arrived', () => received.length === 2 * ROOMS.length);

    expect(received.slice(ROOMS.length)).toEqual(ROOMS.map((kpiId, index) => update(kpiId, 200 + index)));
    expect(writes).toBe(2);
  });
});
