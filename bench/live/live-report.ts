import type { FigureTable, SuiteReport } from '../harness/bench-suite.js';
import type { Distribution } from './distribution.js';
import type { Hotspot } from './live-messages.js';
import { acrossRuns, formatCount, formatMs, goalMet, type ScenarioResults } from './live-figures.js';
import { liveNotes } from './live-report-notes.js';
import type { LiveWorkload } from './live-workload.js';
import type { LiveRun } from './scenario-run.js';

/** The live suite's tables and notes. */
export function liveReport(workload: LiveWorkload, results: readonly ScenarioResults[], environment: readonly string[]): SuiteReport {
  const tables = [latencyTable(results), stagesTable(results), loadTable(results)];
  const profiled = results.filter(({ profiled }) => profiled?.profile);
  if (profiled.length > 0) tables.push(profileTable(profiled));
  return { tables, environment, notes: liveNotes(workload, results) };
}

function latencyTable(results: readonly ScenarioResults[]): FigureTable {
  const columns = [
    'scenario',
    'events/s asked (per POST; connections)',
    'events/s achieved',
    'clients on "*" (processes)',
    'busy room p50, ms',
    'busy room p99, ms',
    'quiet room p50, ms',
    'quiet room p99, ms',
    'goal',
    'met',
  ];
  const rows = results.map((result) => {
    const { scenario, runs } = result;
    const ms = (pick: (run: LiveRun) => number): string => formatMs(acrossRuns(runs, pick));
    const met = goalMet(result);
    return [
      scenario.name,
      `${formatCount(scenario.eventsPerSecond)} (${scenario.batchSize}; ${scenario.connections})`,
      formatMs(acrossRuns(runs, (run) => run.eventsPerSecond)),
      `${formatCount(scenario.clients)} (${scenario.clientProcesses})`,
      ms((run) => run.latencies.watched.p50),
      ms((run) => run.latencies.watched.p99),
      ms((run) => run.latencies.office.p50),
      ms((run) => run.latencies.office.p99),
      scenario.goalP99Ms === undefined ? '' : `busy room p99 < ${scenario.goalP99Ms} ms`,
      met === null ? '' : met ? 'yes' : '**no**',
    ];
  });
  return { columns, rows };
}

/** Rows of the stages table: what each measures, and how to read it off a run. */
const STAGES: readonly (readonly [string, (run: LiveRun) => Distribution])[] = [
  ['POST due to its 200 (waiting for a connection and for the app included)', (run) => run.post],
  ['the POST\'s appendMany (SQLite, fsync)', (run) => run.stages.append],
  ['append committed to its 200 at the load generator', (run) => run.stages.commitTo200],
  ['append committed to the projector\'s read starting', (run) => run.stages.commitToRead],
  ['projector read (readAll)', (run) => run.stages.read],
  ['read to hub: apply, read-model commit, changes, current values', (run) => run.stages.readToHub],
  ['  of which the read-model commit (SQLite, fsync)', (run) => run.stages.readModelCommit],
  ['hub to busy-room emit: the coalescer\'s hold', (run) => run.stages.hubToEmit],
  ['busy-room emit: socket.io writing it to every client', (run) => run.stages.emit],
  ['200 to busy-room receipt, at the clients', (run) => run.latencies.watched],
  ['200 to quiet-room receipt, at the probes', (run) => run.latencies.office],
];

function stagesTable(results: readonly ScenarioResults[]): FigureTable {
  const cell = (runs: readonly LiveRun[], pick: (run: LiveRun) => Distribution): string => {
    const p50 = acrossRuns(runs, (run) => pick(run).p50);
    const p99 = acrossRuns(runs, (run) => pick(run).p99);
    return p50.runs === 0 ? 'n/a' : `${formatMs(p50, 1)} / ${formatMs(p99, 1)}`;
  };
  const rows = STAGES.map(([stage, pick]) => [stage, ...results.map(({ runs }) => cell(runs, pick))]);
  rows.push(['events per projector read, p50', ...results.map(({ runs }) => formatMs(acrossRuns(runs, (run) => run.stages.eventsPerRead.p50)))]);
  rows.push([
    'POSTs whose busy-room update the coalescer held, %',
    ...results.map(({ runs }) => formatMs(acrossRuns(runs, (run) => run.coalescedShare * 100))),
  ]);
  return { columns: ['stage, ms: p50 / p99 over the POSTs (median of the runs, range)', ...results.map(({ scenario }) => scenario.name)], rows };
}

function loadTable(results: readonly ScenarioResults[]): FigureTable {
  const metric = (name: string, pick: (run: LiveRun) => number, digits = 0): string[] => [
    name,
    ...results.map(({ runs }) => formatMs(acrossRuns(runs, pick), digits)),
  ];
  const rows = [
    metric('machine: some task waiting for a CPU (PSI), % of the window', (run) => run.cpuPressurePercent),
    metric('app: CPU, % of one core', (run) => run.app.cpuPercent),
    metric('app: event-loop delay p99, ms', (run) => run.app.loopDelay.p99),
    metric('app: event-loop delay max, ms', (run) => run.app.loopDelay.max),
    metric('app: current values computed per projector batch, p50', (run) => run.app.updatesPerPush.p50),
    metric('app: room emits per s', (run) => run.app.emitsPerSecond),
    metric('app: websocket frames written per s', (run) => run.app.framesPerSecond),
    metric('app: µs of emit per frame', (run) => run.app.microsecondsPerFrame, 1),
    metric('app: µs of CPU per frame (all the app did, over the frames)', (run) => run.app.cpuMicrosecondsPerFrame, 1),
    metric('app: ms per s spent in emits', (run) => run.app.emitMsPerSecond),
    metric('clients: kpi.updated per client per s', (run) => run.clients.messagesPerClientPerSecond),
    metric('clients: worst process\'s event-loop delay p99, ms', (run) => run.clients.loopDelay.p99),
    metric('clients: worst process\'s event-loop delay max, ms', (run) => run.clients.loopDelay.max),
    metric('clients: busiest process\'s CPU, % of one core', (run) => run.clients.cpuPercent),
    metric('clients disconnected during the run', (run) => Object.values(run.clients.disconnects).reduce((sum, count) => sum + count, 0)),
    metric('POSTs of the run (warm-up included) unanswered 15 s after the last was due', (run) => run.unanswered),
    metric('POSTs in the window answered (samples)', (run) => run.posts),
  ];
  return { columns: ['over the measured window (median of the runs, range)', ...results.map(({ scenario }) => scenario.name)], rows };
}

function profileTable(profiled: readonly ScenarioResults[]): FigureTable {
  const profiles = profiled.map(({ profiled: run }) => run!.profile!);
  const percent = (share: number | undefined): string => (share === undefined ? '' : `${(share * 100).toFixed(1)} %`);
  const shareIn = (list: readonly Hotspot[], name: string): number | undefined => list.find((spot) => spot.name === name)?.share;
  const steps = profiles[0]!.steps.map(({ name }) => name);
  const areas = [...new Set(profiles.flatMap(({ areas }) => areas.map(({ name }) => name)))];
  const rows = [
    ...steps.map((name) => [`step: ${name}`, ...profiles.map(({ steps: list }) => percent(shareIn(list, name)))]),
    ...areas.map((name) => [`self time: ${name}`, ...profiles.map(({ areas: list }) => percent(shareIn(list, name)))]),
  ];
  const columns = ['app CPU profile: share of samples, in an extra run (not in the figures above)', ...profiled.map(({ scenario }) => scenario.name)];
  return { columns, rows };
}
