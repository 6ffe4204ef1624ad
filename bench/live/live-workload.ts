/** One load level of the live suite: how fast events are posted, and how many clients watch. */
export interface LiveScenario {
  /** How the report names it. */
  readonly name: string;
  readonly eventsPerSecond: number;
  /** Events per `POST /api/events`, the seizure that closes each batch included. */
  readonly batchSize: number;
  /** Keep-alive HTTP connections the POSTs share. */
  readonly connections: number;
  /** Clients subscribed to `{kpis: "*"}` (no filters), besides the probes. */
  readonly clients: number;
  /** Processes the clients are spread over, probes included. */
  readonly clientProcesses: number;
  /** The goal for this level, if it has one: p99 from the POST's 200 to the client's update. */
  readonly goalP99Ms?: number;
  /** Whether an extra run of this level, not among the reported runs, profiles the app's CPU. */
  readonly profiled?: boolean;
}

/**
 * What the live suite runs: every scenario `repeats` times, interleaved, each run on a new app and a new store. Sized
 * so that the suite takes about 10 minutes on the 2-core bench machine.
 */
export interface LiveWorkload {
  readonly scenarios: readonly LiveScenario[];
  /** Posting before the measured window: JIT, connections, the first hours' buckets. */
  readonly warmupSeconds: number;
  /** The measured window: POSTs whose 200 falls in it are the samples. */
  readonly measureSeconds: number;
  /** After the last POST, so that the last updates arrive before the clients' logs are collected. */
  readonly drainSeconds: number;
  readonly repeats: number;
  /**
   * Clients that also watch `seizures_count` of each bench office: rooms that are quiet when their POST comes (one
   * seizure every few seconds), so their first update is not held by the coalescer.
   */
  readonly probeClients: number;
  /** Bench offices the POSTs' seizures rotate over; each probe is in one room per office. */
  readonly offices: number;
}

export const LIVE_WORKLOAD: LiveWorkload = {
  scenarios: [
    { name: 'latency, 1,000 events/s', eventsPerSecond: 1_000, batchSize: 50, connections: 4, clients: 10, clientProcesses: 1, profiled: true },
    // Two POST sizes: the projector takes one POST per batch, and its cost per batch is mostly fixed (see the report).
    { name: 'latency, 5,000 events/s, POSTs of 100', eventsPerSecond: 5_000, batchSize: 100, connections: 4, clients: 10, clientProcesses: 1 },
    { name: 'latency, 5,000 events/s, POSTs of 500', eventsPerSecond: 5_000, batchSize: 500, connections: 4, clients: 10, clientProcesses: 1 },
    // The goal: p99 < 250 ms at 1,000 events/s with 1,000 clients.
    { name: 'fan-out, 1,000 clients', eventsPerSecond: 1_000, batchSize: 50, connections: 4, clients: 1_000, clientProcesses: 2, goalP99Ms: 250, profiled: true },
    { name: 'fan-out, 5,000 clients', eventsPerSecond: 1_000, batchSize: 50, connections: 4, clients: 5_000, clientProcesses: 4 },
  ],
  warmupSeconds: 4,
  measureSeconds: 25,
  drainSeconds: 3,
  repeats: 3,
  probeClients: 4,
  offices: 100,
};

/**
 * For trying the suite out: `LIVE_BENCH_SECONDS` shortens the measured window, `LIVE_BENCH_REPEATS` the repeats,
 * `LIVE_BENCH_SCENARIOS` (e.g. `0,2`) picks scenarios. A run for RESULTS.md leaves them unset; the report states
 * what ran.
 */
export function liveWorkload(environment: NodeJS.ProcessEnv = process.env): LiveWorkload {
  const measureSeconds = Number(environment.LIVE_BENCH_SECONDS ?? LIVE_WORKLOAD.measureSeconds);
  const repeats = Number(environment.LIVE_BENCH_REPEATS ?? LIVE_WORKLOAD.repeats);
  const picked = environment.LIVE_BENCH_SCENARIOS?.split(',').map(Number);
  const scenarios = picked ? LIVE_WORKLOAD.scenarios.filter((_, index) => picked.includes(index)) : LIVE_WORKLOAD.scenarios;
  return { ...LIVE_WORKLOAD, measureSeconds, repeats, scenarios };
}
