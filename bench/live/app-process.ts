import type { ChildProcess } from 'node:child_process';
import { exited, forkBenchChild, nextMessage } from './bench-child.js';
import type { AppTrace, FromApp, ToApp } from './live-messages.js';

/**
 * The standalone app in a process of its own (app-host.ts), so that the load generator and the clients do not share
 * its event loop: what it measures is what a deployed node does with its own loop.
 */
export class AppProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** A token of the `operator` role, for the live clients. */
    readonly token: string,
    readonly ingestToken: string,
  ) {}

  /** Starts the app on a new SQLite store in `dataDir` and waits until it listens. */
  static async start(dataDir: string): Promise<AppProcess> {
    const child = forkBenchChild('./app-host.ts', [dataDir]);
    try {
      const ready = await nextMessage<FromApp, 'ready'>(child, 'ready', 60_000);
      return new AppProcess(child, ready.url, ready.token, ready.ingestToken);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** Opens the measured window: the tracer records from now, with the CPU profiler on if `profile`. */
  async startTrace(profile: boolean): Promise<void> {
    const reply = nextMessage<FromApp, 'tracing'>(this.child, 'tracing', 30_000);
    this.send({ type: 'trace-start', profile });
    await reply;
  }

  async stopTrace(): Promise<AppTrace> {
    const reply = nextMessage<FromApp, 'trace'>(this.child, 'trace', 60_000);
    this.send({ type: 'trace-stop' });
    return (await reply).trace;
  }

  /** Closes the app (its clients' connections, the projection, the store) and waits for its process to end. */
  async stop(): Promise<void> {
    if (this.child.connected) this.send({ type: 'stop' });
    await exited(this.child, 30_000);
  }

  private send(message: ToApp): void {
    this.child.send(message);
  }
}
