import type { EventStore } from '@customs-pulse/event-store';
import type { KpiReadModel, KpiUpdate } from '@customs-pulse/kpi';
import type { LiveHub, LiveRooms } from '@customs-pulse/realtime';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startCpuProfile, type CpuProfileRecording } from './app-profile.js';
import { loopDelayOf } from './loop-delay.js';
import {
  monotonicMs,
  type AppendSpan,
  type AppTrace,
  type CommitSpan,
  type EmitSpan,
  type PushSpan,
  type ReadSpan,
} from './live-messages.js';

/** The room whose updates the suite times: `seizures_count` for the whole country, which every POST changes. */
export const WATCHED_ROOM = 'kpi:seizures_count:';

/**
 * Times the running app's path from a POST to the socket writes, from outside: it wraps the store's `appendMany`
 * (the POST's commit) and `readAll` (the projector's reads), the KPI read model's `commit`, `LiveHub.pushKpiUpdates`
 * (a committed batch's changes reaching the hub) and the hub's room emits (socket.io handed a `kpi.updated`). The
 * wrappers record only while a window is open, one array push per call.
 */
export class AppTracer {
  private recording = false;
  private appends: AppendSpan[] = [];
  private reads: ReadSpan[] = [];
  private commits: CommitSpan[] = [];
  private pushes: PushSpan[] = [];
  private watchedEmits: EmitSpan[] = [];
  private emits = { count: 0, frames: 0, totalMs: 0, maxMs: 0 };
  private readonly loop = monitorEventLoopDelay({ resolution: 5 });
  private cpuAtStart = process.cpuUsage();
  private startedAt = 0;
  private profile: CpuProfileRecording | null = null;

  async start(profile: boolean): Promise<void> {
    this.appends = [];
    this.reads = [];
    this.commits = [];
    this.pushes = [];
    this.watchedEmits = [];
    this.emits = { count: 0, frames: 0, totalMs: 0, maxMs: 0 };
    this.profile = profile ? await startCpuProfile() : null;
    this.loop.reset();
    this.loop.enable();
    this.cpuAtStart = process.cpuUsage();
    this.startedAt = monotonicMs();
    this.recording = true;
  }

  async stop(): Promise<AppTrace> {
    this.recording = false;
    const wallMs = monotonicMs() - this.startedAt;
    const cpu = process.cpuUsage(this.cpuAtStart);
    this.loop.disable();
    const profile = this.profile === null ? null : await this.profile.stop();
    return {
      appends: this.appends,
      reads: this.reads,
      commits: this.commits,
      pushes: this.pushes,
      watchedEmits: this.watchedEmits,
      emits: this.emits,
      loopDelay: loopDelayOf(this.loop),
      cpu: { userMs: cpu.user / 1_000, systemMs: cpu.system / 1_000, wallMs },
      profile,
    };
  }

  /**
   * SQLite's `appendMany` and `readAll` do their work synchronously inside the call and return settled promises; the
   * time is taken when the call returns, before awaiting, since the projector's continuation (woken by the commit)
   * runs before this wrapper's would.
   */
  traceStore(store: EventStore): void {
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (writes) => {
      const start = monotonicMs();
      const appending = appendMany(writes);
      const end = monotonicMs();
      const results = await appending;
      if (this.recording) {
        const last = results.reduce((high, { outcomes }) => outcomes.reduce((top, outcome) => ('position' in outcome ? Math.max(top, outcome.position) : top), high), 0);
        this.appends.push({ start, end, lastPosition: last });
      }
      return results;
    };
    const readAll = store.readAll.bind(store);
    store.readAll = async (afterPosition, limit) => {
      const start = monotonicMs();
      const reading = readAll(afterPosition, limit);
      const end = monotonicMs();
      const events = await reading;
      if (this.recording && events.length > 0) {
        this.reads.push({ start, end, firstPosition: events[0]!.position, lastPosition: events.at(-1)!.position });
      }
      return events;
    };
  }

  /**
   * Wraps the read model class's `commit` (its prototype: the projector's instance is out of reach), before the app
   * opens it. SQLite's commit, like the store's calls, is synchronous inside the call.
   */
  traceReadModel(prototype: Pick<KpiReadModel, 'commit'>): void {
    const commit = prototype.commit;
    const record = (span: CommitSpan): void => void (this.recording && this.commits.push(span));
    prototype.commit = function (this: KpiReadModel, change) {
      const start = monotonicMs();
      const committing = commit.call(this, change);
      record({ start, end: monotonicMs(), checkpoint: change.checkpoint });
      return committing;
    };
  }

  /** `roomSize`: how many clients a room of the gateway holds, i.e. how many frames one emit to it writes. */
  traceHub(hub: LiveHub, roomSize: (room: string) => number): void {
    const pushKpiUpdates = hub.pushKpiUpdates.bind(hub);
    hub.pushKpiUpdates = (updates: readonly KpiUpdate[]) => {
      const start = monotonicMs();
      pushKpiUpdates(updates);
      if (this.recording && updates.length > 0) {
        this.pushes.push({ start, end: monotonicMs(), position: updates[0]!.position, updates: updates.length });
      }
    };
    // The hub's rooms are private: the gateway attached them when the app started listening.
    const attached = hub as unknown as { rooms: LiveRooms | null };
    const rooms = attached.rooms;
    if (rooms === null) throw new Error('the live gateway has not attached its rooms to the hub');
    attached.rooms = {
      has: (room) => rooms.has(room),
      emit: (room, event, payload) => {
        const start = monotonicMs();
        rooms.emit(room, event, payload);
        if (!this.recording) return;
        const end = monotonicMs();
        this.emits.count += 1;
        this.emits.frames += roomSize(room);
        this.emits.totalMs += end - start;
        this.emits.maxMs = Math.max(this.emits.maxMs, end - start);
        if (room === WATCHED_ROOM) this.watchedEmits.push({ start, end, position: (payload as KpiUpdate).position });
      },
    };
  }
}
