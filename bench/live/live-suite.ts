import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BenchSuite } from '../harness/bench-suite.js';
import { interleaved } from '../ingest/interleaved-runs.js';
import { formatCount, type ScenarioResults } from './live-figures.js';
import { liveReport } from './live-report.js';
import { liveWorkload, type LiveScenario, type LiveWorkload } from './live-workload.js';
import { runScenario, type LiveRun } from './scenario-run.js';

/** Descriptors a process needs besides its sockets: the store's files, pipes, the runtime's own. */
const SPARE_DESCRIPTORS = 1_000;

/**
 * Live push end to end on the real standalone app: latency from a POST's 200 to the `kpi.updated` its clients
 * receive, at 1,000 and 5,000 events/s, and fan-out to 1,000 and 5,000 clients subscribed to `"*"`.
 */
export const liveSuite: BenchSuite = {
  name: 'live',
  title: 'live push: from a POST\'s 200 to each client\'s kpi.updated, at 1,000 and 5,000 events/s, to 1,000 and 5,000 clients',
  async run(progress) {
    const workload = liveWorkload();
    const openFiles = openFilesLimit();
    const mostClients = Math.max(...workload.scenarios.map(({ clients }) => clients));
    if (openFiles < mostClients + SPARE_DESCRIPTORS) {
      throw new Error(`ulimit -n is ${openFiles}: the app needs a descriptor per client; raise it to ${mostClients + SPARE_DESCRIPTORS} or more`);
    }
    const measurements = workload.scenarios.map((scenario) => (run: number) => measured(scenario, workload, false, `run ${run + 1}`, progress));
    const runs = await interleaved(workload.repeats, measurements);
    const results: ScenarioResults[] = [];
    for (const [index, scenario] of workload.scenarios.entries()) {
      const profiled = scenario.profiled ? await measured(scenario, workload, true, 'profiled run', progress) : null;
      results.push({ scenario, runs: runs[index]!, profiled });
    }
    return liveReport(workload, results, environment(openFiles));
  },
};

async function measured(scenario: LiveScenario, workload: LiveWorkload, profile: boolean, label: string, progress: (line: string) => void): Promise<LiveRun> {
  const say = (line: string): void => progress(`${scenario.name}, ${label}: ${line}`);
  say('starting the app');
  const run = await runScenario(scenario, workload, profile, say);
  say(
    `${formatCount(run.eventsPerSecond)} events/s; busy room p50 ${formatCount(run.latencies.watched.p50)} ms, ` +
      `p99 ${formatCount(run.latencies.watched.p99)} ms; quiet room p50 ${formatCount(run.latencies.office.p50)} ms, ` +
      `p99 ${formatCount(run.latencies.office.p99)} ms; app loop delay p99 ${formatCount(run.app.loopDelay.p99)} ms`,
  );
  return run;
}

/** The soft limit on open files this process (and the processes it forks) has. */
function openFilesLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
}

/** Versions of what was measured, for the machine line. */
function environment(openFiles: number): string[] {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare<[], { version: string }>('SELECT sqlite_version() AS version').get()!.version;
  memory.close();
  // Read from the files: engine.io does not export its package.json.
  const version = (name: string): string =>
    (JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return [
    `SQLite: ${sqlite} (WAL, synchronous=FULL, files under the OS temp folder)`,
    `socket.io ${version('socket.io')}, engine.io ${version('engine.io')}, ws ${version('ws')}, socket.io-client ${version('socket.io-client')}`,
    `ulimit -n: ${openFiles}`,
  ];
}
