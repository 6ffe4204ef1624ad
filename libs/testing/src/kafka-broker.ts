import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// Same depth from libs/testing/src and libs/testing/dist, so this works for sources and builds.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const kafkaScript = fileURLToPath(new URL('../../../scripts/kafka.sh', import.meta.url));

// A cold start downloads the broker jars from Maven Central before the script's own 60 s wait.
const START_TIMEOUT_MS = 5 * 60_000;
const STOP_TIMEOUT_MS = 60_000;

/** A running single-node Kafka broker started by `scripts/kafka.sh`. */
export interface KafkaBroker {
  /** Bootstrap address, `127.0.0.1:<port>`, for the client's `brokers` list. */
  readonly bootstrap: string;
  /** Stops the broker; resolves once the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

type KafkaScriptCommand = 'start' | 'stop' | 'kill' | 'resume';

/** Runs `scripts/kafka.sh <command>`; `runDir` names the broker (`KAFKA_RUN_DIR`), the shared one when not given. */
async function runKafkaScript(command: KafkaScriptCommand, timeout: number, runDir?: string): Promise<string> {
  try {
    const env = runDir === undefined ? process.env : { ...process.env, KAFKA_RUN_DIR: runDir };
    const { stdout } = await execFileAsync(kafkaScript, [command], { cwd: repoRoot, timeout, env });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`scripts/kafka.sh ${command} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

/**
 * Starts (or reuses) the local single-node Apache Kafka broker (KRaft) via `scripts/kafka.sh start`.
 *
 * The broker listens on 127.0.0.1 only. The first call downloads the broker jars from Maven Central
 * (needs `mvn` and Java 17+); later calls use the cache in `.cache/kafka`. The broker is shared:
 * if one is already running, its address is returned and `stop()` stops that same broker.
 *
 * @returns the bootstrap address and a function that stops the broker.
 */
export async function startKafkaBroker(): Promise<KafkaBroker> {
  const bootstrap = bootstrapOf('start', await runKafkaScript('start', START_TIMEOUT_MS));
  return {
    bootstrap,
    async stop() {
      await runKafkaScript('stop', STOP_TIMEOUT_MS);
    },
  };
}

/** The address `scripts/kafka.sh start` or `resume` printed last. */
function bootstrapOf(command: KafkaScriptCommand, output: string): string {
  const bootstrap = output.split('\n').at(-1)?.trim() ?? '';
  if (!/^127\.0\.0\.1:\d+$/.test(bootstrap)) {
    throw new Error(`scripts/kafka.sh ${command} printed an unexpected address: ${JSON.stringify(output)}`);
  }
  return bootstrap;
}

/** A broker of one test's own, which it may stop, kill and start again: never the shared one other tests use. */
export interface OwnKafkaBroker extends KafkaBroker {
  /** SIGKILLs the broker, as a crash would; its data stays for {@link resume}. Resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts the stopped or killed broker again on the same address, with its topics, records and group offsets. */
  resume(): Promise<void>;
  /** Stops the broker if it runs and deletes its folder. Safe to call more than once. */
  remove(): Promise<void>;
}

/**
 * Starts a single-node broker of the caller's own with `scripts/kafka.sh` in a temp run dir (`KAFKA_RUN_DIR`): its
 * own ports, data and logs, the jars of the shared cache.
 */
export async function startOwnKafkaBroker(): Promise<OwnKafkaBroker> {
  const folder = await mkdtemp(join(tmpdir(), 'own-kafka-'));
  const runDir = join(folder, 'broker');
  let bootstrap: string;
  try {
    bootstrap = bootstrapOf('start', await runKafkaScript('start', START_TIMEOUT_MS, runDir));
  } catch (error) {
    await runKafkaScript('stop', STOP_TIMEOUT_MS, runDir).catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  let removed = false;
  return {
    bootstrap,
    async stop() {
      await runKafkaScript('stop', STOP_TIMEOUT_MS, runDir);
    },
    async kill() {
      await runKafkaScript('kill', STOP_TIMEOUT_MS, runDir);
    },
    async resume() {
      const again = bootstrapOf('resume', await runKafkaScript('resume', START_TIMEOUT_MS, runDir));
      if (again !== bootstrap) throw new Error(`the broker resumed at ${again}, not at ${bootstrap}`);
    },
    async remove() {
      if (removed) return;
      removed = true;
      await runKafkaScript('stop', STOP_TIMEOUT_MS, runDir).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The broker list configured for tests in `KAFKA_BROKERS` (comma-separated `host:port`), if any.
 * Lets a test suite use an externally managed broker instead of starting one. An empty value
 * counts as unset.
 */
export function kafkaBootstrapFromEnv(): string | undefined {
  return process.env.KAFKA_BROKERS || undefined;
}

/**
 * Whether this machine can run the test broker: one given in `KAFKA_BROKERS`, or Java 17+ (`JAVA_HOME`'s, else the
 * `PATH`'s) for `scripts/kafka.sh`, which fetches the jars with Maven once and fails loudly if it cannot.
 */
export async function kafkaAvailable(): Promise<boolean> {
  if (kafkaBootstrapFromEnv()) return true;
  const javaHome = process.env.JAVA_HOME;
  const java = javaHome && existsSync(join(javaHome, 'bin', 'java')) ? join(javaHome, 'bin', 'java') : 'java';
  try {
    const { stderr } = await execFileAsync(java, ['-version']);
    const major = Number(/version "(\d+)/.exec(stderr)?.[1]);
    return major >= 17;
  } catch {
    return false;
  }
}

/** A broker for one test file, and how to let go of it: stopped only if this file started it. */
export interface TestBroker {
  readonly bootstrap: string;
  release(): Promise<void>;
}

/** The broker of `KAFKA_BROKERS`, or the script's (started if it is not running, as in CI where `.ci/run` starts it). */
export async function acquireTestBroker(): Promise<TestBroker> {
  const fromEnv = kafkaBootstrapFromEnv();
  if (fromEnv) return { bootstrap: fromEnv, release: async () => {} };
  const wasRunning = await execFileAsync(kafkaScript, ['status']).then(
    () => true,
    () => false,
  );
  const broker = await startKafkaBroker();
  return { bootstrap: broker.bootstrap, release: async () => (wasRunning ? undefined : broker.stop()) };
}
