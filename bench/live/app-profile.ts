import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { type AreaMarkers, type Hotspot, summarizeCpuProfile } from '../harness/cpu-profile-summary.js';
import type { AppProfile } from './live-messages.js';

/** A CPU profile being recorded in this process. */
export interface CpuProfileRecording {
  stop(): Promise<AppProfile>;
}

/** Starts V8's CPU profiler on this process (1 ms samples); `stop` summarizes where the time went. */
export async function startCpuProfile(): Promise<CpuProfileRecording> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1_000 });
  await session.post('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = await session.post('Profiler.stop');
        return summarize(profile);
      } finally {
        session.disconnect();
      }
    },
  };
}

/** The part of the live path a frame belongs to, by the first marker its script's URL contains. */
const AREAS: AreaMarkers = [
  ['/libs/kpi/src/engine/', 'KPI engine (apply, current values)'],
  ['/libs/kpi/src/sketch/', 'KPI engine (quantile sketches)'],
  ['/libs/kpi/src/read-model/', 'KPI read model (commit)'],
  ['/libs/kpi/', 'KPI projector and projection'],
  ['/libs/realtime/', 'realtime (hub, coalescer, gateway)'],
  ['/libs/alerts/', 'alert rules'],
  ['/libs/event-store/', 'event store (append, read, hashing)'],
  ['/libs/ingest/', 'ingest (validation, use case)'],
  ['/libs/domain/', 'domain (event validation)'],
  ['/libs/', 'other libs'],
  ['/node_modules/better-sqlite3/', 'better-sqlite3 (SQLite calls)'],
  ['/node_modules/socket.io', 'socket.io'],
  ['/node_modules/engine.io', 'engine.io'],
  ['/node_modules/ws/', 'ws (websocket frames)'],
  ['/node_modules/class-', 'class-validator / class-transformer'],
  ['/node_modules/@nestjs/', 'NestJS'],
  ['/node_modules/', 'other packages (express, jose, ...)'],
  ['node:', 'Node.js runtime (net, http, streams)'],
];

/**
 * Steps of the live path, by a function on the stack (name, and a fragment of its script's URL): a sample counts for
 * every step whose function is on its stack, so the shares are inclusive and may add up to more than 100 %.
 */
const STEPS: readonly (readonly [step: string, functionName: string, url: string])[] = [
  ['POST /api/events: the ingest use case (validation, append)', 'execute', '/libs/ingest/src/ingest-events/ingest-events.handler.ts'],
  ['  of which appendMany (SQLite, fsync)', 'appendMany', '/libs/event-store/src/adapters/sqlite/'],
  ['projector: readAll', 'readAll', '/libs/event-store/src/adapters/sqlite/'],
  ['projector: engine.apply of each event', 'apply', '/libs/kpi/src/engine/kpi-engine.ts'],
  ['projector: drainDirty (state to write)', 'drainDirtyInSteps', '/libs/kpi/src/engine/kpi-engine.ts'],
  ['projector: read model commit (SQLite, fsync)', 'write', '/libs/kpi/src/read-model/sqlite/'],
  ['projector: drainChanges', 'drainChangesInSteps', '/libs/kpi/src/engine/kpi-engine.ts'],
  ['projection: current value of every changed slice', 'currentUpdates', '/libs/kpi/src/projection/current-updates.ts'],
  ['alert rules: readings and planning', 'committed', '/libs/alerts/src/observer/alert-rules-observer.ts'],
  ['hub: push (room lookups, offers, quiet rooms emitted at once)', 'pushKpiUpdates', '/libs/realtime/src/hub/live-hub.ts'],
  ['coalescer: interval end (a busy room emitted)', 'endInterval', '/libs/realtime/src/coalescing/room-coalescer.ts'],
  ['socket.io: writing frames to sockets (any caller)', 'apply', '/node_modules/socket.io-adapter/'],
  ['socket.io: engine.io flush after a write drained', 'onDrain', '/node_modules/engine.io/'],
];

function summarize(profile: Profiler.Profile): AppProfile {
  const { areas, functions, totalSamples } = summarizeCpuProfile(profile, AREAS, { areas: 14, functions: 10 });
  return { areas, steps: inclusiveSteps(profile, totalSamples), functions };
}

/** Each step's samples: those with the step's function anywhere on their stack. */
function inclusiveSteps(profile: Profiler.Profile, total: number): Hotspot[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<string, number>();
  const visit = (id: number, onStack: ReadonlySet<string>): void => {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    const steps = new Set(onStack);
    for (const [step, name, marker] of STEPS) if (functionName === name && url.includes(marker)) steps.add(step);
    for (const step of steps) hits.set(step, (hits.get(step) ?? 0) + (node.hitCount ?? 0));
    for (const child of node.children ?? []) visit(child, steps);
  };
  visit(profile.nodes[0]!.id, new Set());
  return STEPS.map(([step]) => ({ name: step, share: (hits.get(step) ?? 0) / total }));
}
