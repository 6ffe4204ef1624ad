import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can lose a COMMIT's answer: the COMMIT reaches the server and is stored,
 * then the connection is cut before the client hears back. What a network failure at the worst moment looks like.
 */
export class SeveringProxy {
  private armed = false;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, private readonly target: URL) {}

  /** Listens on a free port of 127.0.0.1 and forwards to the server of `connectionString`. */
  static async start(connectionString: string): Promise<SeveringProxy> {
    const target = new URL(connectionString);
    const server = createServer();
    const proxy = new SeveringProxy(server, target);
    server.on('connection', (client) => proxy.forward(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The connection string through the proxy. */
  get connectionString(): string {
    const url = new URL(this.target.href);
    url.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return url.href;
  }

  /** The next COMMIT through the proxy reaches the server; its connection is then cut before the answer returns. */
  severAfterNextCommit(): void {
    this.armed = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: Socket): void {
    const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
    let severed = false;
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk: Buffer) => {
      if (!severed) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (!this.armed || !chunk.includes('COMMIT')) return;
      this.armed = false;
      severed = true;
      // Long enough for the server to have read and stored the COMMIT; its answer is dropped meanwhile.
      setTimeout(() => client.destroy(), 300);
    });
  }
}
