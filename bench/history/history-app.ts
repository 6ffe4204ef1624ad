import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exited, forkBenchChild, nextMessage } from '../live/bench-child.js';
import type { FromHistoryApp, LoopDelay, MemoryFigure, ToHistoryApp } from './history-messages.js';

/** A started app and how long it took to be ready. */
export interface StartedApp {
  readonly app: HistoryApp;
  /** From building the app (its code loaded) until `GET /health/ready` first answered 200, in seconds. */
  readonly startToReadySeconds: number;
  /** Loading (and compiling) the app's code before that, in seconds: a cost of the bench's TypeScript, not of the app. */
  readonly loadSeconds: number;
}

/** The standalone app in a process of its own (history-app-host.ts), so that its memory and event loop are its own. */
export class HistoryApp {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Starts the app on `dataDir` and waits until it is ready (the KPI projection caught up with the log). */
  static async start(dataDir: string, readyWithinMs: number): Promise<StartedApp> {
    const child = forkBenchChild(fileURLToPath(new URL('./history-app-host.ts', import.meta.url)), [dataDir]);
    try {
      const listening = await nextMessage<FromHistoryApp, 'listening'>(child, 'listening', readyWithinMs);
      const app = new HistoryApp(child, listening.url, listening.token);
      await app.untilReady(readyWithinMs);
      return { app, startToReadySeconds: (Date.now() - listening.bootAt) / 1000, loadSeconds: listening.loadMs / 1000 };
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** GET (or POST) `path` with a token of every role the bench needs; the body parsed, and the seconds it took. */
  async request(path: string, method: 'GET' | 'POST' = 'GET'): Promise<{ readonly seconds: number; readonly body: unknown }> {
    const start = process.hrtime.bigint();
    const response = await fetch(`${this.url}${path}`, { method, headers: { authorization: `Bearer ${this.token}` } });
    const text = await response.text();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return { seconds, body: JSON.parse(text) as unknown };
  }

  /** The event-loop delay in the app while `work` runs. */
  async loopDelayDuring<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly loop: LoopDelay }> {
    await this.ask({ type: 'loop-reset' }, 'loop-reset');
    const result = await work();
    const { p50, p99, max } = await this.ask({ type: 'loop-read' }, 'loop');
    return { result, loop: { p50, p99, max } };
  }

  /** The event-loop delay since the app started or since the last window. */
  async loopDelay(): Promise<LoopDelay> {
    const { p50, p99, max } = await this.ask({ type: 'loop-read' }, 'loop');
    return { p50, p99, max };
  }

  /** Heap used after full collections, and RSS. */
  async memory(): Promise<MemoryFigure> {
    const { heapUsed, rss } = await this.ask({ type: 'memory' }, 'memory');
    return { heapUsed, rss };
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ToHistoryApp);
    await exited(this.child, 60_000);
  }

  private async ask<K extends FromHistoryApp['type']>(message: ToHistoryApp, reply: K): Promise<Extract<FromHistoryApp, { type: K }>> {
    const answer = nextMessage<FromHistoryApp, K>(this.child, reply, 60_000);
    this.child.send(message);
    return answer;
  }

  private async untilReady(withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const response = await fetch(`${this.url}/health/ready`).catch(() => null);
      if (response?.ok) return;
      await response?.text();
      if (Date.now() > deadline) throw new Error(`the app was not ready within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
