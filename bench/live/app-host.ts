// The app process of the live suite (app-process.ts forks it): the real standalone app on 127.0.0.1, port 0, on the
// SQLite store in the DATA_DIR given as argv[2], traced by AppTracer. It answers the parent's ToApp messages.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { register } from 'node:module';
import type { Namespace } from 'socket.io';
import { AppTracer } from './app-tracer.js';
import type { FromApp, ToApp } from './live-messages.js';

// Nest needs decorator metadata, which tsx does not emit: the app is compiled by SWC as the build compiles it, so
// it is imported only once the hook is registered (as bench/ingest/app-modules.ts does).
register('../ingest/swc-decorator-metadata.hooks.js', import.meta.url);

const send = (message: FromApp): void => void process.send!(message);
// Orphaned (the suite died): go, rather than hold the port and the store.
process.on('disconnect', () => process.exit(1));

/** The reporting currency of the bench's events (bench/ingest/producer-events.ts). */
const REPORTING_CURRENCY = 'USD';

async function main(dataDir: string): Promise<void> {
  const [standalone, { loadConfig }, { createHttpApp }, { issueAccessToken }, { EVENT_STORE }, realtime, kpi] = await Promise.all([
    import('../../apps/standalone/src/standalone.module.js'),
    import('@customs-pulse/config'),
    import('@customs-pulse/http'),
    import('@customs-pulse/auth'),
    import('@customs-pulse/event-store'),
    import('@customs-pulse/realtime'),
    import('@customs-pulse/kpi/sqlite'),
  ]);
  const tracer = new AppTracer();
  tracer.traceReadModel(kpi.SqliteKpiReadModel.prototype);
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', REPORTING_CURRENCY });
  const app = await createHttpApp(standalone.StandaloneModule.forRoot(config, secret), { logger: ['warn', 'error'] });
  await app.listen(0, '127.0.0.1');
  // The gateway's namespace is private; the tracer only counts the members of a room.
  const gateway = app.get(realtime.LiveGateway) as unknown as { namespace: Namespace | null };
  tracer.traceStore(app.get(EVENT_STORE));
  tracer.traceHub(app.get(realtime.LiveHub), (room) => gateway.namespace?.adapter.rooms.get(room)?.size ?? 0);
  const key = new TextEncoder().encode(secret);

  process.on('message', (message: ToApp) => {
    const handled =
      message.type === 'trace-start'
        ? tracer.start(message.profile).then(() => send({ type: 'tracing' }))
        : message.type === 'trace-stop'
          ? tracer.stop().then((trace) => send({ type: 'trace', trace }))
          : app.close().then(() => process.exit(0));
    handled.catch((error: unknown) => send({ type: 'failed', message: String(error) }));
  });
  send({
    type: 'ready',
    url: await app.getUrl(),
    token: await issueAccessToken(key, ['operator']),
    ingestToken: await issueAccessToken(key, ['ingest']),
  });
}

main(process.argv[2]!).catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
