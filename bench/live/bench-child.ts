import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How the suite's own processes run TypeScript: as `npm run bench` runs the suite. */
const TSX = ['--conditions=@customs-pulse/source', '--import', 'tsx'];

/** A process of the suite running `module` (a .ts file of bench/live), with an IPC channel that carries typed arrays. */
export function forkBenchChild(module: string, args: readonly string[]): ChildProcess {
  const file = fileURLToPath(new URL(module, import.meta.url));
  return fork(file, [...args], { execArgv: TSX, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** A message with a `type`, as the suite's processes send them; `failed` carries what went wrong. */
type Typed = { readonly type: string };

/**
 * The next message of `type` from `child`. Rejects if the child reports `failed`, exits first, or stays silent for
 * `timeoutMs`.
 */
export function nextMessage<M extends Typed, K extends M['type']>(
  child: ChildProcess,
  type: K,
  timeoutMs: number,
): Promise<Extract<M, { type: K }>> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: M): void => {
      if (message.type === type) {
        done();
        resolve(message as Extract<M, { type: K }>);
      } else if (message.type === 'failed') {
        done();
        reject(new Error(`process ${child.pid} failed: ${(message as unknown as { message: string }).message}`));
      }
    };
    const onExit = (code: number | null): void => {
      done();
      reject(new Error(`process ${child.pid} exited (${code}) before sending "${type}"`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`process ${child.pid} sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Waits for `child` to exit, killing it (SIGKILL, by its pid only) if it has not within `graceMs`. */
export async function exited(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
