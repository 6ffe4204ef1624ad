import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on right now, found by letting the system pick one and closing it again: for an app
 * configured by `PORT` alone. Another process may take it before the app binds it; the app then fails with
 * `EADDRINUSE`, which {@link AppProcess} answers by trying another port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    // No host: the apps listen on every interface, so the port is checked where they will bind it.
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port was assigned: ${String(address)}`))));
    });
  });
}
