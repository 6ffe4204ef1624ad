// The app process of the history suite (history-app.ts forks it): the real standalone app on 127.0.0.1, port 0,
// on the SQLite store and read models in the DATA_DIR given as argv[2]. It measures its own event-loop delay and
// memory, which only the process itself can see, and answers the parent's ToHistoryApp messages.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { register } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loopDelayOf } from '../live/loop-delay.js';
import type { FromHistoryApp, ToHistoryApp } from './history-messages.js';

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const startedAt = Date.now();

// Nest needs decorator metadata, which tsx does not emit: compiled by SWC as bench/live/app-host.ts does.
register('../ingest/swc-decorator-metadata.hooks.js', import.meta.url);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const send = (message: FromHistoryApp): void => void process.send!(message);
process.on('disconnect', () => process.exit(1));

async function main(dataDir: string): Promise<void> {
  const [standalone, { historyAppConfig }, { createHttpApp }, { issueAccessToken }] = await Promise.all([
    import('../../apps/standalone/src/standalone.module.js'),
    import('./history-app-config.js'),
    import('@customs-pulse/http'),
    import('@customs-pulse/auth'),
  ]);
  const bootAt = Date.now();
  const secret = randomBytes(32).toString('base64url');
  const config = historyAppConfig(dataDir);
  const app = await createHttpApp(standalone.StandaloneModule.forRoot(config, secret), { logger: ['warn', 'error'] });
  await app.listen(0, '127.0.0.1');
  // The first window (a first start's catch-up) begins once a client can reach the app: before, loading the code and
  // building the modules held the event loop up to 0.6 s in one stretch, a cost of the start, not of the catch-up.
  loop.reset();
  process.on('message', (message: ToHistoryApp) => {
    if (message.type === 'loop-reset') {
      loop.reset();
      send({ type: 'loop-reset' });
    } else if (message.type === 'loop-read') send({ type: 'loop', ...loopDelayOf(loop) });
    else if (message.type === 'memory') {
      gc();
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      send({ type: 'memory', heapUsed, rss });
    } else void app.close().then(() => process.exit(0));
  });
  const token = await issueAccessToken(new TextEncoder().encode(secret), ['operator', 'auditor', 'admin']);
  send({ type: 'listening', url: await app.getUrl(), token, bootAt, loadMs: bootAt - startedAt });
}

main(process.argv[2]!).catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
