import { Session } from 'node:inspector/promises';
import { type AreaMarkers, type CpuProfileSummary, summarizeCpuProfile } from '../harness/cpu-profile-summary.js';

export type { CpuProfileSummary, Hotspot } from '../harness/cpu-profile-summary.js';

/** Samples `work` with V8's CPU profiler (1 ms interval) and summarizes where its time went. */
export async function profiled(work: () => Promise<void>): Promise<CpuProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1_000 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    return summarizeCpuProfile(profile, AREAS, { areas: 12, functions: 12 });
  } finally {
    session.disconnect();
  }
}

/** The parts of the rebuild path, by where their scripts live. */
const AREAS: AreaMarkers = [
  ['/libs/kpi/src/engine/', 'KPI engine'],
  ['/libs/kpi/src/sketch/', 'KPI engine (sketch)'],
  ['/libs/kpi/src/read-model/', 'KPI read model (SQLite writes, JSON)'],
  ['/libs/kpi/src/projection/', 'KPI projection'],
  ['/libs/event-store/', 'event store (reads, row decoding)'],
  ['/node_modules/better-sqlite3/', 'better-sqlite3'],
  ['/node_modules/pg', 'node-postgres'],
  ['node:', 'Node.js runtime'],
  ['/bench/', 'bench harness'],
];
