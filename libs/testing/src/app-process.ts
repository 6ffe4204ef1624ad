import { type ChildProcess, spawn } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { OutputTail } from './output-tail.js';
import { waitUntil } from './wait-until.js';

// Same depth from libs/testing/src and libs/testing/dist, so this works for sources and builds.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * How an app runs from its TypeScript sources, as `npm run bench` runs the bench: workspace libs resolved to their
 * `src` by the `@customs-pulse/source` condition, compiled by tsx as they load. No build step; tsx (esbuild) emits no
 * decorator metadata, which the apps do not need since every injection names its token with `@Inject`.
 */
const FROM_SOURCE = ['--conditions=@customs-pulse/source', '--import', 'tsx'];

/** Makes the app die with the test process, however that ends: no orphans. `.ts` by this source, `.js` by its build. */
const EXIT_WITH_PARENT = fileURLToPath(new URL(`./exit-with-parent${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * What a child takes from the test runner's environment: only what node and tsx need to run. Everything the app is
 * configured by comes from {@link AppProcessOptions.env}, so a `KAFKA_BROKERS` or `DATABASE_URL` of the runner's
 * shell cannot leak into it.
 */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];

/** Starts tried when the port picked is taken before the app binds it. */
const PORT_ATTEMPTS = 3;
/** Lines of output a failed start shows: why it failed is at the end, after the framework's start-up chatter. */
const START_FAILURE_LINES = 40;
/** Between two readiness probes that failed: an app starting on a loaded machine needs its CPU more than answers. */
const PROBE_PAUSE_MS = 100;

export interface AppProcessOptions {
  /** Names the process in messages, e.g. `ingest-1`. */
  readonly name: string;
  /** The app's entry point from the repository root, e.g. `apps/ingest/src/main.ts`. */
  readonly main: string;
  /** The app's whole configuration. `PORT` is set to a free port unless given. */
  readonly env: Readonly<Record<string, string>>;
  /** How long the app has to answer `GET /health/ready` with 200. @defaultValue 120000 */
  readonly readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before it sends SIGKILL. @defaultValue 15000 */
  readonly stopGraceMs?: number;
  /** Lines of output kept for failure messages. @defaultValue 200 */
  readonly tailLines?: number;
}

/**
 * One app (`apps/<name>/src/main.ts`) in a process of its own, as it is deployed: configured by its environment
 * only, talking to the test over HTTP, socket.io, Kafka and PostgreSQL. Its stdout and stderr are kept in a ring
 * buffer for failure messages.
 */
export class AppProcess {
  readonly name: string;
  private readonly tail: OutputTail;
  private child: ChildProcess | undefined;
  /** Whether the last process spawned has exited (or never ran), and when it does. */
  private exited = true;
  private exit: Promise<void> = Promise.resolve();
  private port = 0;

  constructor(private readonly options: AppProcessOptions) {
    this.name = options.name;
    this.tail = new OutputTail(options.tailLines ?? 200);
  }

  /** The app's base URL, `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True from the spawn until the process has exited. */
  get running(): boolean {
    return !this.exited;
  }

  /**
   * Spawns the app and resolves once it answers `GET /health/ready` with 200. Rejects, with the app's last output,
   * if it exits first or is not ready in time; the process is killed then.
   */
  async start(): Promise<this> {
    for (let attempt = 1; ; attempt += 1) {
      const givenPort = this.options.env['PORT'];
      this.port = givenPort === undefined ? await freePort() : Number(givenPort);
      let portTaken = false;
      const child = this.spawn((chunk) => (portTaken ||= chunk.includes('EADDRINUSE')));
      try {
        await this.ready(child);
        return this;
      } catch (error) {
        await this.terminate(0);
        if (portTaken && givenPort === undefined && attempt < PORT_ATTEMPTS) continue;
        throw new Error(`${this.name} did not start: ${(error as Error).message}\n${this.report(START_FAILURE_LINES)}`, { cause: error });
      }
    }
  }

  /** Stops the app as an orchestrator does: SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(): Promise<void> {
    return this.terminate(this.options.stopGraceMs ?? 15_000);
  }

  /** Kills the app with SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. Resolves once it exited. */
  kill(): Promise<void> {
    return this.terminate(0);
  }

  /** The app's last lines of output (all that are kept, or the last `lines`), under a heading naming it. */
  report(lines?: number): string {
    const state = this.child === undefined ? 'not started' : this.exited ? `exited: ${exitOf(this.child)}` : 'running';
    return `--- ${this.name} (pid ${this.pid ?? '-'}, ${state}), its last output ---\n${this.tail.text(lines)}`;
  }

  private spawn(onOutput: (chunk: string) => void): ChildProcess {
    const inherited = Object.fromEntries(PASSED_THROUGH.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
    const child = spawn(process.execPath, [...FROM_SOURCE, '--import', EXIT_WITH_PARENT, this.options.main], {
      cwd: repoRoot,
      // NO_COLOR: Nest's logger writes no ANSI colours into the kept output.
      env: { ...inherited, NO_COLOR: '1', ...this.options.env, PORT: String(this.port) },
      // The IPC channel carries nothing: its closing tells the app that the test process is gone.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.exited = false;
    this.exit = new Promise((resolve) => {
      const ended = (): void => {
        this.exited = true;
        resolve();
      };
      child.once('exit', ended);
      child.once('error', (error) => {
        this.tail.write('spawn', `${error.message}\n`);
        // A process that could not be spawned emits no 'exit'.
        if (child.pid === undefined) ended();
      });
    });
    for (const [stream, readable] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
      readable?.on('data', (chunk: Buffer) => {
        this.tail.write(stream, chunk);
        onOutput(chunk.toString());
      });
    }
    return child;
  }

  private async ready(child: ChildProcess): Promise<void> {
    const readyUrl = `${this.url}/health/ready`;
    await waitUntil(`${this.name} answers GET ${readyUrl} with 200`, async () => {
      if (this.exited) throw new Error(`it exited (${exitOf(child)}) before it was ready`);
      const ready = await fetch(readyUrl, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          // An unread body would hold its connection open.
          await response.body?.cancel();
          return response.status === 200;
        },
        () => false,
      );
      if (!ready) await new Promise((resolve) => setTimeout(resolve, PROBE_PAUSE_MS));
      return ready;
    }, this.options.readyTimeoutMs ?? 120_000);
  }

  /** SIGTERM then, after `graceMs`, SIGKILL (at once for 0); resolves when the process has exited. */
  private async terminate(graceMs: number): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exited) return;
    child.kill(graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
    const escalation = graceMs === 0 ? undefined : setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(escalation);
  }
}

function exitOf(child: ChildProcess): string {
  return child.pid === undefined ? 'it could not be spawned' : (child.signalCode ?? `code ${child.exitCode}`);
}
