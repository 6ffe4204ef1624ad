import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { AppProcess } from './app-process.js';
import { clientLatencies, type ClientLatencies } from './client-latencies.js';
import { ClientFleet } from './client-fleet.js';
import { cpuStallMicroseconds } from './cpu-pressure.js';
import { distributionOf, type Distribution } from './distribution.js';
import { measuredPosts } from './log-positions.js';
import { monotonicMs, type AppProfile, type AppTrace, type ClientLogs, type LoopDelay } from './live-messages.js';
import { benchOffices, livePosts } from './live-posts.js';
import type { LiveScenario, LiveWorkload } from './live-workload.js';
import { postAtRate, type PostTiming } from './post-at-rate.js';
import { postPaths, type PathStages } from './post-path.js';

/** The app process over the measured window. */
export interface AppLoad {
  /** CPU time over wall time, in % of one core. */
  readonly cpuPercent: number;
  readonly loopDelay: LoopDelay;
  /** Room emits (one `kpi.updated` to every client of a room) per second, and ms per second spent in them. */
  readonly emitsPerSecond: number;
  readonly emitMsPerSecond: number;
  /** Websocket frames those emits wrote (one per client of the room) per second, and µs of emit time per frame. */
  readonly framesPerSecond: number;
  readonly microsecondsPerFrame: number;
  /**
   * The app's CPU time over those frames, everything it did included: the emit time leaves out the writes made after
   * the emit (a client's frames of one burst leave in two writes, the second once the first is done).
   */
  readonly cpuMicrosecondsPerFrame: number;
  readonly readsPerSecond: number;
  /** Changed current values per projector batch: every slice the batch touched, watched or not. */
  readonly updatesPerPush: Distribution;
}

/** The client processes over the measured window: the worst of them, since any one can skew its clients' receipts. */
export interface ClientLoad {
  readonly loopDelay: LoopDelay;
  readonly cpuPercent: number;
  readonly messagesPerClientPerSecond: number;
  /** Clients that lost their connection during the run, by socket.io's reason. */
  readonly disconnects: Readonly<Record<string, number>>;
}

/** What one run of one scenario measured. */
export interface LiveRun {
  /** POSTs answered in the measured window: the samples. */
  readonly posts: number;
  /** POSTs of the run (warm-up included) still unanswered 15 s after the last was due: the app fell behind. */
  readonly unanswered: number;
  /** Events of the POSTs answered from the window's start to the last POST's due time, per second. */
  readonly eventsPerSecond: number;
  /** From a POST's due time to its 200 (queueing for a connection included), POSTs answered in the window. */
  readonly post: Distribution;
  readonly latencies: ClientLatencies;
  readonly stages: PathStages;
  /** Share of the measured POSTs whose busy-room update was held by the coalescer. */
  readonly coalescedShare: number;
  readonly app: AppLoad;
  readonly clients: ClientLoad;
  /** Share of the window during which some runnable task on the machine waited for a CPU (PSI); NaN without PSI. */
  readonly cpuPressurePercent: number;
  readonly profile: AppProfile | null;
}

/**
 * One run: a new app on a new store in its own process, the scenario's clients subscribed, then the POSTs on their
 * schedule; the window opens after the warm-up and closes after the drain; positions are read from the log after the
 * app has stopped.
 */
export async function runScenario(scenario: LiveScenario, workload: LiveWorkload, profile: boolean, progress: (line: string) => void): Promise<LiveRun> {
  const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-live-'));
  try {
    const posts = livePosts(scenario, workload, Date.now());
    const app = await AppProcess.start(folder);
    let window: MeasuredWindow;
    try {
      window = await measureWindow(app, scenario, workload, posts, profile, progress);
    } finally {
      await app.stop();
    }
    const measured = measuredPosts(join(folder, 'events.sqlite'), posts, window.timings, window.from);
    const { deliveries, stages } = postPaths(measured, window.trace);
    const scheduleEnd = window.timings.at(-1)!.dueAt;
    const answered = window.timings.filter(({ okAt }) => okAt >= window.from);
    const answeredOnSchedule = answered.filter(({ okAt }) => okAt <= scheduleEnd).length;
    return {
      posts: measured.length,
      unanswered: window.timings.filter(({ okAt }) => Number.isNaN(okAt)).length,
      eventsPerSecond: (answeredOnSchedule * scenario.batchSize) / ((scheduleEnd - window.from) / 1_000),
      post: distributionOf(answered.map(({ dueAt, okAt }) => okAt - dueAt)),
      latencies: clientLatencies(measured, deliveries, window.logs),
      stages,
      coalescedShare: deliveries.filter((delivery) => delivery === 'coalesced').length / Math.max(1, deliveries.length),
      app: appLoad(window.trace),
      clients: clientLoad(window.logs, window.wallMs, scenario.clients),
      cpuPressurePercent: window.stalledMs === null ? Number.NaN : (window.stalledMs / window.wallMs) * 100,
      profile: window.trace.profile,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the measured window of a run gathered. */
interface MeasuredWindow {
  readonly timings: PostTiming[];
  /** When the window opened (monotonic ms). */
  readonly from: number;
  readonly wallMs: number;
  readonly trace: AppTrace;
  readonly logs: ClientLogs[];
  /** Milliseconds of the window with some task waiting for a CPU; null without PSI. */
  readonly stalledMs: number | null;
}

async function measureWindow(
  app: AppProcess,
  scenario: LiveScenario,
  workload: LiveWorkload,
  posts: ReturnType<typeof livePosts>,
  profile: boolean,
  progress: (line: string) => void,
): Promise<MeasuredWindow> {
  const connectingSince = monotonicMs();
  const fleet = await ClientFleet.open({
    url: app.url,
    token: app.token,
    clients: scenario.clients,
    probes: workload.probeClients,
    offices: benchOffices(workload.offices),
    processes: scenario.clientProcesses,
  });
  try {
    progress(`${scenario.clients} clients subscribed in ${((monotonicMs() - connectingSince) / 1_000).toFixed(1)} s; posting`);
    const startAt = monotonicMs() + 100;
    let from = Number.POSITIVE_INFINITY;
    let stalledAtStart: number | null = null;
    const opening = delay(startAt + workload.warmupSeconds * 1_000 - monotonicMs()).then(async () => {
      fleet.startMeasuring();
      await app.startTrace(profile);
      from = monotonicMs();
      stalledAtStart = cpuStallMicroseconds();
    });
    opening.catch(() => undefined);
    const timings = await postAtRate(app.url, app.ingestToken, posts, scenario.eventsPerSecond / scenario.batchSize, scenario.connections, startAt);
    await opening;
    await delay(workload.drainSeconds * 1_000);
    const trace = await app.stopTrace();
    const stalledAtEnd = cpuStallMicroseconds();
    const logs = await fleet.collect();
    const stalledMs = stalledAtStart === null || stalledAtEnd === null ? null : (stalledAtEnd - stalledAtStart) / 1_000;
    return { timings, from, wallMs: trace.cpu.wallMs, trace, logs, stalledMs };
  } finally {
    await fleet.close();
  }
}

function appLoad(trace: AppTrace): AppLoad {
  const seconds = trace.cpu.wallMs / 1_000;
  return {
    cpuPercent: ((trace.cpu.userMs + trace.cpu.systemMs) / trace.cpu.wallMs) * 100,
    loopDelay: trace.loopDelay,
    emitsPerSecond: trace.emits.count / seconds,
    emitMsPerSecond: trace.emits.totalMs / seconds,
    framesPerSecond: trace.emits.frames / seconds,
    microsecondsPerFrame: (trace.emits.totalMs * 1_000) / Math.max(1, trace.emits.frames),
    cpuMicrosecondsPerFrame: ((trace.cpu.userMs + trace.cpu.systemMs) * 1_000) / Math.max(1, trace.emits.frames),
    readsPerSecond: trace.reads.length / seconds,
    updatesPerPush: distributionOf(trace.pushes.map(({ updates }) => updates)),
  };
}

function clientLoad(logs: readonly ClientLogs[], wallMs: number, clients: number): ClientLoad {
  const worst = (pick: (loop: LoopDelay) => number): number => Math.max(...logs.map((log) => pick(log.loopDelay)));
  return {
    loopDelay: { p50: worst(({ p50 }) => p50), p99: worst(({ p99 }) => p99), max: worst(({ max }) => max) },
    cpuPercent: Math.max(...logs.map(({ cpuMs }) => (cpuMs / wallMs) * 100)),
    messagesPerClientPerSecond: logs.reduce((sum, { messages }) => sum + messages, 0) / clients / (wallMs / 1_000),
    disconnects: logs.reduce<Record<string, number>>((all, { disconnects }) => {
      for (const [reason, count] of Object.entries(disconnects)) all[reason] = (all[reason] ?? 0) + count;
      return all;
    }, {}),
  };
}
