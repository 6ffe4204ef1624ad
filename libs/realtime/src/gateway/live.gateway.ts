import { ACCESS_TOKEN_POLICY, type AccessTokenPolicy, AUTH_SECRET } from '@customs-pulse/auth';
import { Inject, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type Namespace, type Socket } from 'socket.io';

import { LiveHub } from '../hub/live-hub.js';
import { LIVE_PUSH_METRICS, type LivePushMetrics, SILENT_LIVE_PUSH_METRICS } from '../hub/live-push-metrics.port.js';
import { LIVE_SNAPSHOTS, type LiveSnapshots } from '../snapshots/live-snapshots.port.js';
import { OPERATOR_ROOM, RISK_ROOM, roomsOf } from '../subscriptions/live-rooms.js';
import { parseLiveSubscription } from '../subscriptions/live-subscription.js';
import { type SubscribeAck, type UnsubscribeAck, badSubscription, tooManyRooms, unavailable } from './live-acks.js';
import { liveAudience } from './live-audience.js';
import { type LiveClient, LiveRefusal, admitLiveClient } from './live-handshake.js';
import { namespaceRooms } from './namespace-rooms.js';
import { disconnectAtExpiry } from './token-expiry.js';
import { WebsocketWriteBatching } from './websocket-write-batching.js';

/** The socket.io namespace of live push (api.md). */
export const LIVE_NAMESPACE = '/live';

/** (KPI, slice) rooms one client may be in: every KPI under dozens of slices, not an unbounded number. */
export const MAX_ROOMS_PER_CLIENT = 1_000;

/**
 * Live push on the app's HTTP port (api.md, "Live push"): handshake auth, `subscribe` acknowledged with a snapshot,
 * `unsubscribe`, one room per (KPI, slice) that the {@link LiveHub} pushes `kpi.updated` to, and a room of the `risk`
 * clients for alerts. A handler never throws: what goes wrong is in the acknowledgement.
 */
// perMessageDeflate is engine.io's default, false, said here because fan-out depends on it: socket.io then frames a
// broadcast once for all its clients; with compression each client's frame would be built, and deflated, on its own.
@WebSocketGateway({ namespace: LIVE_NAMESPACE, serveClient: false, maxHttpBufferSize: 64 * 1024, perMessageDeflate: false })
export class LiveGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnModuleDestroy {
  private readonly logger = new Logger('LiveGateway');
  private namespace: Namespace | null = null;
  /** Set when the node goes down (the shutdown flag of Novu's ws app): no new client, no new subscription. */
  private closing = false;

  constructor(
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(LIVE_SNAPSHOTS) private readonly snapshots: LiveSnapshots,
    @Inject(AUTH_SECRET) private readonly secret: Uint8Array,
    @Optional() @Inject(LIVE_PUSH_METRICS) private readonly metrics: LivePushMetrics = SILENT_LIVE_PUSH_METRICS,
    // Required, as the HTTP guard's is: a default here would drop AUTH_ISSUER and AUTH_AUDIENCE without a word.
    @Inject(ACCESS_TOKEN_POLICY) private readonly tokenPolicy: AccessTokenPolicy,
  ) {}

  /**
   * Checks each handshake before the client is connected, has the frames queued for a client leave in one write,
   * and hands the namespace's rooms to the hub.
   */
  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      if (this.closing) return next(new LiveRefusal(503, 'this node is shutting down; connect again'));
      admitLiveClient(socket.handshake.auth, this.secret, this.tokenPolicy).then(
        (client) => {
          socket.data.client = client;
          next();
        },
        (refusal: Error) => next(refusal),
      );
    });
    new WebsocketWriteBatching().attach(namespace.server.engine);
    this.hub.attach(namespaceRooms(namespace, this.metrics));
    this.metrics.follow(() => liveAudience(namespace));
  }

  /**
   * Puts every client in the operators' room (targets need no subscription) and a `risk` client in the alert room too,
   * and closes the connection at its token's expiry.
   */
  handleConnection(socket: Socket): void {
    const client = socket.data.client as LiveClient;
    void socket.join(OPERATOR_ROOM);
    if (client.risk) void socket.join(RISK_ROOM);
    disconnectAtExpiry(socket, client.expiresAt);
  }

  /** Follows the KPIs of a subscription under its slice; acknowledged with their current values, or an error. */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<SubscribeAck> {
    if (this.closing) return unavailable('this node is shutting down; connect again and subscribe there');
    const parsed = parseLiveSubscription(payload);
    if (!parsed.ok) return badSubscription(parsed.problems);
    const fresh = roomsOf(parsed.subscription).filter((room) => !socket.rooms.has(room));
    // socket.rooms holds the socket's own room too.
    if (socket.rooms.size - 1 + fresh.length > MAX_ROOMS_PER_CLIENT) return tooManyRooms(MAX_ROOMS_PER_CLIENT);
    // Join before reading: an update committed in between then reaches the client too, and its position, never
    // older than the snapshot's, tells the client which to keep. Reading first could lose it.
    void socket.join(fresh);
    try {
      return await this.snapshots.snapshot(parsed.subscription);
    } catch (error) {
      for (const room of fresh) void socket.leave(room);
      this.logger.warn(`a live snapshot could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return unavailable('the current values cannot be read now; subscribe again');
    }
  }

  /** Stops following the KPIs of a subscription under its slice; rooms the client was not in are no matter. */
  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): UnsubscribeAck {
    const parsed = parseLiveSubscription(payload);
    if (!parsed.ok) return badSubscription(parsed.problems);
    for (const room of roomsOf(parsed.subscription)) void socket.leave(room);
    return { ok: true };
  }

  /**
   * Runs first on shutdown, before the projection stops and the store closes: pushes stop, and each client's
   * connection is closed rather than its socket disconnected. socket.io clients reconnect by themselves after a lost
   * connection (not after a server-side disconnect), so they find another node and subscribe there afresh.
   */
  onModuleDestroy(): void {
    this.closing = true;
    this.hub.stop();
    const sockets = [...(this.namespace?.sockets.values() ?? [])];
    if (sockets.length > 0) this.logger.log(`closing ${sockets.length} live connection(s): this node is shutting down`);
    for (const socket of sockets) socket.conn.close();
  }
}
