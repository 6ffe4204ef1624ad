/**
 * What the live suite's processes tell each other over their IPC channels (`fork` with advanced serialization), and
 * the clock their timestamps share.
 */
import type { Hotspot } from '../harness/cpu-profile-summary.js';

/**
 * Now, in milliseconds on the machine's monotonic clock (`process.hrtime`, CLOCK_MONOTONIC on Linux): the same clock
 * in every process, so a time taken by a client process compares with one taken by the load generator.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Percentiles of an event loop's delay (`monitorEventLoopDelay`) over the measured window, in ms. */
export interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export type { Hotspot } from '../harness/cpu-profile-summary.js';

/** Where the app's CPU went during a profiled run. */
export interface AppProfile {
  /** Self time by part of the code. */
  readonly areas: readonly Hotspot[];
  /** Inclusive time of the steps of the live path. */
  readonly steps: readonly Hotspot[];
  readonly functions: readonly Hotspot[];
}

/** One `appendMany` of the app's event store: one POST. */
export interface AppendSpan {
  readonly start: number;
  readonly end: number;
  readonly lastPosition: number;
}

/** One non-empty `readAll` of the projector's log subscription. */
export interface ReadSpan {
  readonly start: number;
  readonly end: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

/** One commit of the KPI read model: a projector batch's state and checkpoint, fsync included. */
export interface CommitSpan {
  readonly start: number;
  readonly end: number;
  readonly checkpoint: number;
}

/** One `LiveHub.pushKpiUpdates`: a committed projector batch's changed current values reaching the hub. */
export interface PushSpan {
  readonly start: number;
  readonly end: number;
  readonly position: number;
  readonly updates: number;
}

/** One `kpi.updated` to the watched room (`seizures_count`, no filters): when socket.io was handed it, for how long. */
export interface EmitSpan {
  readonly start: number;
  readonly end: number;
  readonly position: number;
}

/** What the app process recorded over the measured window. */
export interface AppTrace {
  readonly appends: readonly AppendSpan[];
  readonly reads: readonly ReadSpan[];
  readonly commits: readonly CommitSpan[];
  readonly pushes: readonly PushSpan[];
  readonly watchedEmits: readonly EmitSpan[];
  /** Every room emit: how many, the frames they wrote (one per client in the room), the milliseconds spent in them. */
  readonly emits: { readonly count: number; readonly frames: number; readonly totalMs: number; readonly maxMs: number };
  readonly loopDelay: LoopDelay;
  /** CPU time of the app process over the window, in ms, and the window's length. */
  readonly cpu: { readonly userMs: number; readonly systemMs: number; readonly wallMs: number };
  readonly profile: AppProfile | null;
}

export type ToApp = { readonly type: 'trace-start'; readonly profile: boolean } | { readonly type: 'trace-stop' } | { readonly type: 'stop' };

export type FromApp =
  | { readonly type: 'ready'; readonly url: string; readonly token: string; readonly ingestToken: string }
  | { readonly type: 'tracing' }
  | { readonly type: 'trace'; readonly trace: AppTrace }
  | { readonly type: 'failed'; readonly message: string };

/** What a client process is asked to open. */
export interface ClientFleetPart {
  readonly url: string;
  readonly token: string;
  /** Clients subscribed to `{kpis: "*"}`. */
  readonly clients: number;
  /** Of those, how many also watch `seizures_count` of each of `offices`. */
  readonly probes: number;
  readonly offices: readonly string[];
}

/** The `kpi.updated` of the watched room one client received: positions and monotonic times, in arrival order. */
export interface WatchedReceipts {
  readonly positions: Float64Array;
  readonly times: Float64Array;
}

/** The `kpi.updated` of the office rooms one probe received. */
export interface OfficeReceipts {
  readonly offices: Int32Array;
  readonly positions: Float64Array;
  readonly times: Float64Array;
}

/** What a client process recorded: receipts of every client since it subscribed, and the window's load. */
export interface ClientLogs {
  readonly watched: readonly WatchedReceipts[];
  readonly offices: readonly OfficeReceipts[];
  /** `kpi.updated` messages all its clients received in the measured window. */
  readonly messages: number;
  readonly loopDelay: LoopDelay;
  /** CPU time of the process over the window, in ms. */
  readonly cpuMs: number;
  /** Clients that lost their connection during the run (they are not reconnected), by socket.io's reason. */
  readonly disconnects: Readonly<Record<string, number>>;
}

export type ToClients = { readonly type: 'measure-start' } | { readonly type: 'collect' } | { readonly type: 'stop' };

export type FromClients =
  | { readonly type: 'subscribed' }
  | { readonly type: 'logs'; readonly logs: ClientLogs }
  | { readonly type: 'failed'; readonly message: string };
