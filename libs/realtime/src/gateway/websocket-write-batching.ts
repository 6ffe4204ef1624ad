/** The TCP socket under a websocket connection (a `net.Socket`), as far as batching its writes goes. */
export interface CorkableSocket {
  cork(): void;
  uncork(): void;
}

/**
 * An engine.io connection, reached into as far as its TCP socket: engine.io's websocket transport keeps the `ws`
 * WebSocket as `socket`, and `ws` keeps the `net.Socket` as `_socket`. Neither is public API.
 */
export interface EngineConnection {
  readonly transport: { readonly name: string; readonly socket?: { readonly _socket?: CorkableSocket } };
}

/** The engine.io server's documented `flush` and `drain` events: a connection's write buffer handed to its transport. */
export interface EngineWriteEvents {
  on(event: 'flush', listener: (connection: EngineConnection, packets: readonly unknown[]) => void): unknown;
  on(event: 'drain', listener: (connection: EngineConnection) => void): unknown;
}

/**
 * Makes the frames queued for a websocket connection leave in one TCP write instead of one each.
 *
 * Why: a client on `"*"` is in 27 rooms whose pushes come in bursts (a projector batch, or the coalescer's cohort of
 * rooms whose intervals end together). socket.io writes each `kpi.updated` as its own websocket frame. engine.io
 * writes a connection's first frame of a burst at once and queues the others until that write is done, then hands
 * them to the transport together, which writes them one `writev` syscall each: at 1,000 clients the app's loop spent
 * most of its time in the kernel. The TCP socket is corked for that hand-over, so the queue leaves in one `writev`:
 * two writes per client per burst. Each frame stays its own socket.io event, in order; nothing waits, since the
 * hand-over is synchronous. Another transport (long polling) is left as it is.
 *
 * Driver-level access (engine.io's transport, `ws`'s socket) is kept to this file.
 */
export class WebsocketWriteBatching {
  /** Corked while engine.io hands a queue of packets to the transport. */
  private readonly corked = new Map<EngineConnection, CorkableSocket>();

  /** Listens to `engine`'s flushes: every websocket connection of the server is batched from then on. */
  attach(engine: EngineWriteEvents): void {
    engine.on('flush', (connection, packets) => this.flushing(connection, packets.length));
    engine.on('drain', (connection) => this.flushed(connection));
  }

  /** engine.io is about to hand `packets` packets to `connection`'s transport. */
  flushing(connection: EngineConnection, packets: number): void {
    // A single frame is one write anyway.
    if (packets < 2) return;
    const socket = tcpSocketOf(connection);
    if (socket === null) return;
    socket.cork();
    this.corked.set(connection, socket);
  }

  /** engine.io handed the packets over: they leave in one write. */
  flushed(connection: EngineConnection): void {
    const socket = this.corked.get(connection);
    if (socket === undefined) return;
    this.corked.delete(connection);
    socket.uncork();
  }
}

/** The TCP socket of a websocket connection; null for another transport, or a driver that no longer has it. */
function tcpSocketOf({ transport }: EngineConnection): CorkableSocket | null {
  if (transport.name !== 'websocket') return null;
  const socket = transport.socket?._socket;
  return typeof socket?.cork === 'function' && typeof socket.uncork === 'function' ? socket : null;
}
