import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_ACCESS_TOKEN_POLICY } from '@customs-pulse/auth';
import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { type Namespace, type Socket } from 'socket.io';

import { LiveHub } from '../hub/live-hub.js';
import { SILENT_LIVE_PUSH_METRICS } from '../hub/live-push-metrics.port.js';
import { type LiveSnapshot, type LiveSnapshots } from '../snapshots/live-snapshots.port.js';
import { type LiveSubscription } from '../subscriptions/live-subscription.js';
import { LiveGateway, MAX_ROOMS_PER_CLIENT } from './live.gateway.js';

/** The parts of a socket.io socket the gateway touches. */
class FakeSocket {
  readonly rooms = new Set<string>(['own-id']);
  readonly data: Record<string, unknown> = { client: { subject: 'officer-7', risk: false } };
  readonly conn = { close: jest.fn() };

  join(rooms: string | string[]): void {
    for (const room of [rooms].flat()) this.rooms.add(room);
  }

  leave(room: string): void {
    this.rooms.delete(room);
  }
}

/** Snapshots that record the rooms the socket was in when asked, and answer or fail as told. */
class RecordingSnapshots implements LiveSnapshots {
  roomsWhenRead: string[] = [];
  failure: Error | null = null;
  constructor(private readonly socket: FakeSocket) {}

  async snapshot({ kpis, filters }: LiveSubscription): Promise<LiveSnapshot> {
    this.roomsWhenRead = [...this.socket.rooms];
    if (this.failure !== null) throw this.failure;
    return { position: 42, values: kpis.map((kpiId) => ({ kpiId, filters, value: 1, n: 1 })) };
  }
}

function aGateway(): { gateway: LiveGateway; socket: FakeSocket; snapshots: RecordingSnapshots; hub: LiveHub } {
  const socket = new FakeSocket();
  const snapshots = new RecordingSnapshots(socket);
  const hub = new LiveHub();
  const gateway = new LiveGateway(hub, snapshots, new Uint8Array(32), SILENT_LIVE_PUSH_METRICS, DEFAULT_ACCESS_TOKEN_POLICY);
  const namespace = { use: () => undefined, adapter: { rooms: new Map() }, sockets: new Map([['own-id', socket]]), server: { engine: new EventEmitter() } };
  gateway.afterInit(namespace as unknown as Namespace);
  return { gateway, socket, snapshots, hub };
}

// The gateway logs what it refuses and its shutdown; here that is what the tests provoke.
beforeAll(() => Logger.overrideLogger(false));

const asSocket = (socket: FakeSocket): Socket => socket as unknown as Socket;

describe('LiveGateway', () => {
  it('joins the rooms of a subscription before reading its snapshot, so no update falls in between', async () => {
    const { gateway, socket, snapshots } = aGateway();

    const ack = await gateway.subscribe(asSocket(socket), { kpis: ['backlog'], office: 'UZ-TAS' });

    expect(snapshots.roomsWhenRead).toContain('kpi:backlog:office=UZ-TAS');
    expect(ack).toEqual({ position: 42, values: [{ kpiId: 'backlog', filters: { office: 'UZ-TAS' }, value: 1, n: 1 }] });
  });

  it('leaves the rooms again and answers 503 when the snapshot cannot be read', async () => {
    const { gateway, socket, snapshots } = aGateway();
    snapshots.failure = new Error('the KPI projection has not been started');

    const ack = await gateway.subscribe(asSocket(socket), { kpis: ['backlog'] });

    expect(ack).toMatchObject({ error: { status: 503 } });
    expect([...socket.rooms]).toEqual(['own-id']);
  });

  it(`refuses a subscription that would take a client over ${MAX_ROOMS_PER_CLIENT} rooms`, async () => {
    const { gateway, socket } = aGateway();
    for (let room = 0; room < MAX_ROOMS_PER_CLIENT; room += 1) socket.join(`kpi:backlog:office=O-${room}`);

    const ack = await gateway.subscribe(asSocket(socket), { kpis: ['backlog'], office: 'ONE-MORE' });

    expect(ack).toMatchObject({ error: { status: 400, title: 'Too many subscriptions' } });
    expect(await gateway.subscribe(asSocket(socket), { kpis: ['backlog'], office: 'O-7' })).toHaveProperty('position', 42);
  });

  it('leaves the rooms of an unsubscribe, and answers a bad one with the field', async () => {
    const { gateway, socket } = aGateway();
    await gateway.subscribe(asSocket(socket), { kpis: ['backlog', 'seizures_count'] });

    expect(gateway.unsubscribe(asSocket(socket), { kpis: ['backlog'] })).toEqual({ ok: true });
    expect(gateway.unsubscribe(asSocket(socket), { kpis: 'backlog' })).toMatchObject({ error: { status: 400, errors: [{ path: 'kpis' }] } });
    expect([...socket.rooms]).toEqual(['own-id', 'kpi:seizures_count:']);
  });

  it('going down, closes every client connection, stops the hub and answers new subscriptions with 503', async () => {
    const { gateway, socket, hub } = aGateway();
    const stop = jest.spyOn(hub, 'stop');

    gateway.onModuleDestroy();

    expect(socket.conn.close).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalled();
    expect(await gateway.subscribe(asSocket(socket), { kpis: ['backlog'] })).toMatchObject({ error: { status: 503 } });
  });
});
