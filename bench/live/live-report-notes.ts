import { KPI_CATALOGUE } from '@customs-pulse/domain';
import { loadavg } from 'node:os';
import { acrossRuns, formatCount, formatMs, goalMet, type ScenarioResults } from './live-figures.js';
import type { LiveWorkload } from './live-workload.js';
import type { LiveRun } from './scenario-run.js';

/** api.md: at most 4 `kpi.updated` a second per KPI and slice. */
const PUSHES_PER_ROOM_PER_SECOND = 4;
const COALESCE_MS = 1_000 / PUSHES_PER_ROOM_PER_SECOND;

/** Goal verdicts, what bounds the figures (from this run's own numbers), then how they were taken. */
export function liveNotes(workload: LiveWorkload, results: readonly ScenarioResults[]): string[] {
  return [roomsNote(workload), ...goalNotes(results), coalescerNote(), ...fanOutNotes(results), ...projectionNotes(results), ...methodNotes(workload)];
}

function roomsNote(workload: LiveWorkload): string {
  return (
    'Rooms: the "busy room" is `seizures_count` without filters, one of the rooms of a `"*"` subscription, which every POST ' +
    'changes (each POST ends with a seizure); every client of a scenario is in it. The "quiet room" is `seizures_count` of ' +
    `the POST's own office: the seizures rotate over ${workload.offices} bench offices, so that room sees one change every ` +
    `few seconds; ${workload.probeClients} probe clients (among the scenario's) are in those rooms. Latencies are from the ` +
    'POST\'s 200 at the load generator to the client\'s receipt, so they can be negative.'
  );
}

function goalNotes(results: readonly ScenarioResults[]): string[] {
  return results.flatMap((result) => {
    const met = goalMet(result);
    if (met === null) return [];
    const { scenario, runs } = result;
    const each = (pick: (run: LiveRun) => number): string => runs.map((run) => formatCount(pick(run))).join(', ');
    return [
      `${met ? 'Goal met' : 'GOAL MISSED'}: ${scenario.name} at ${formatCount(scenario.eventsPerSecond)} events/s: p99 from the POST's 200 ` +
        `to the busy room's \`kpi.updated\` at each client ${each((run) => run.latencies.watched.p99)} ms in the ${runs.length} runs ` +
        `(goal < ${scenario.goalP99Ms} ms). The quiet rooms' first updates: p99 ${each((run) => run.latencies.office.p99)} ms.`,
    ];
  });
}

function coalescerNote(): string {
  return (
    `The coalescer's hold, by design: a client on \`"*"\` is in the room of every KPI for the whole country, and at these rates ` +
    `every projector batch changes most of them, \`seizures_count\` (the busy room timed here) always. A room pushed less than ` +
    `${COALESCE_MS} ms ago holds a new value until its interval ends (api.md: at most ${PUSHES_PER_ROOM_PER_SECOND} a second, the ` +
    `latest always delivered), so a change committed at a random moment waits 0 to ${COALESCE_MS} ms, evenly spread: even with a ` +
    `pipeline that cost nothing, the busy room's p99 would be about ${(COALESCE_MS * 0.99).toFixed(0)} ms. "p99 < 250 ms" is thus ` +
    'out of reach for a busy room under the 4-a-second contract, whatever the implementation; it can only be asked of the first ' +
    'update of a quiet room, which the hub pushes at once: the quiet-room columns (each POST\'s seizure is at the next of ' +
    'the bench offices in turn, whose rooms see one change every few seconds). Only the probe clients are in those rooms, so ' +
    'their emit is cheap; a quiet room that every client watched would add the busy-room emit time of the stages table.'
  );
}

function fanOutNotes(results: readonly ScenarioResults[]): string[] {
  const rooms = KPI_CATALOGUE.length;
  return results
    .filter(({ scenario }) => scenario.clients >= 1_000)
    .map(({ scenario, runs }) => {
      const perFrame = acrossRuns(runs, (run) => run.app.cpuMicrosecondsPerFrame);
      const wanted = scenario.clients * rooms * PUSHES_PER_ROOM_PER_SECOND;
      const seconds = (wanted * perFrame.median) / 1e6;
      return (
        `Fan-out to ${formatCount(scenario.clients)} clients: socket.io writes each \`kpi.updated\` as a websocket frame per client of the room; ` +
        'the frames a client is sent in one burst (a projector batch, or a cohort of rooms whose intervals end together) leave in two ' +
        'write syscalls (libs/realtime WebsocketWriteBatching), the first in the emit and the rest right after it, so the emit time ' +
        `(${formatMs(acrossRuns(runs, (run) => run.app.microsecondsPerFrame), 1)} µs per frame) leaves part of the cost out. The app's whole ` +
        `CPU over the frames it wrote, projection and HTTP included, is ${formatMs(perFrame, 1)} µs per frame. \`"*"\` is ${rooms} rooms, so at ` +
        `${PUSHES_PER_ROOM_PER_SECOND} pushes a second per room ${formatCount(scenario.clients)} clients ask for up to ` +
        `${formatCount(wanted)} frames/s: at most ${seconds.toFixed(1)} s of one core per second at that cost. The app wrote ` +
        `${formatMs(acrossRuns(runs, (run) => run.app.framesPerSecond))} frames/s, spent ` +
        `${formatMs(acrossRuns(runs, (run) => run.app.emitMsPerSecond))} ms of every second in emits, and its clients got ` +
        `${formatMs(acrossRuns(runs, (run) => run.clients.messagesPerClientPerSecond))} \`kpi.updated\`/s each, up ` +
        `to ${rooms * PUSHES_PER_ROOM_PER_SECOND}: a room gets an update only in the intervals in which its value changed, and ` +
        'the coalescer\'s timers fire late when the loop is busy, which stretches the intervals; the same loop serves the POSTs and ' +
        'runs the projection (see the unanswered POSTs and the events/s achieved).'
      );
    });
}

function projectionNotes(results: readonly ScenarioResults[]): string[] {
  return results
    .filter(({ scenario }) => scenario.clients < 1_000)
    .map(({ scenario, runs }) => {
      const p50 = (pick: (run: LiveRun) => number): ReturnType<typeof acrossRuns> => acrossRuns(runs, pick);
      const append = p50((run) => run.stages.append.p50);
      const readToHub = p50((run) => run.stages.readToHub.p50);
      const ceiling = (scenario.batchSize * 1_000) / (append.median + readToHub.median);
      return (
        `Projection at ${formatCount(scenario.eventsPerSecond)} events/s asked (POSTs of ${scenario.batchSize}, ` +
        `${formatMs(p50((run) => run.eventsPerSecond))} events/s achieved): each POST costs the app's event loop, synchronously ` +
        `(better-sqlite3), its appendMany (${formatMs(append, 1)} ms p50, an fsync included), then, since the store wakes the ` +
        `projector on commit, the projector's read, apply, read-model commit (${formatMs(p50((run) => run.stages.readModelCommit.p50), 1)} ` +
        `ms p50, another fsync) and the current value of every (KPI, slice) the batch changed ` +
        `(${formatMs(p50((run) => run.app.updatesPerPush.p50))} per batch, watched or not; the hub drops the unwatched ones): ` +
        `read to hub ${formatMs(readToHub, 1)} ms p50. The POST's own 200 waits for all of it (commit to 200: ` +
        `${formatMs(p50((run) => run.stages.commitTo200.p50), 1)} ms p50), so a quiet room's update usually reaches the probes ` +
        'before the load generator has the 200: the negative quiet-room latencies. Each batch is one POST (the projector runs ' +
        'before the next POST is read), so batches never grow to amortize the per-batch work: at these medians the loop tops ' +
        `out near ${formatCount(ceiling)} events/s before HTTP, socket.io and the other processes on the 2 cores take their share.`
      );
    });
}

function methodNotes(workload: LiveWorkload): string[] {
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  return [
    `Runs: each scenario ${workload.repeats} times, the scenarios' runs interleaved (run 1 of each, then run 2 of each...), each on a ` +
      `new app and a new SQLite store: ${workload.warmupSeconds} s of posting as warm-up, then the measured window (${workload.measureSeconds} s ` +
      `of POSTs, ${workload.drainSeconds} s of drain). Figures are the median of the runs with their range in brackets; p50 and p99 are ` +
      'over every (POST, client) pair of a run.',
    'Processes: the real standalone app (`StandaloneModule.forRoot(loadConfig(...))`, compiled by SWC with decorator metadata as in ' +
      'the ingest suite) runs in a process of its own (bench/live/app-host.ts), so that its event loop does only what a deployed node ' +
      'does; the clients run in their own processes (socket.io-client, websocket transport, each subscribed to `{kpis: "*"}`) and the ' +
      'load generator in the suite\'s process. On 2 cores they all compete for the CPU with the app (and with anything else running: see ' +
      'the load averages), so the clients\' loop delay is reported: a busy client process receives late and adds to its latency.',
    `POSTs: \`POST /api/events\` on an open-loop schedule (evenly spaced, sent when due whatever the earlier answers) over keep-alive ` +
      'connections; each batch is generated clearance events (fixed seed, times moved into the last 20 hours so that they change ' +
      'current values as live traffic does) closed by a `SeizureRecorded` at the next of ' +
      `${workload.offices} bench offices in turn. Latency is from the 200's status line at the load generator to the \`kpi.updated\` ` +
      'handler at the client, both on the machine\'s monotonic clock (shared by all processes).',
    'Matching: after the run, each POST\'s events are looked up in the stopped app\'s log (positions are not in the answer). In the busy ' +
      'room (`seizures_count`, no filters) a POST is counted by the first update whose `position` is at or after its last event; in its ' +
      `office's room (quiet; ${workload.probeClients} probe clients also subscribe to \`seizures_count\` of every bench office) by the ` +
      'first update at or after its seizure.',
    'Stages: the app process wraps, from outside, the store\'s appendMany and readAll, the KPI read model\'s commit, ' +
      'LiveHub.pushKpiUpdates and the hub\'s room emits ' +
      '(timestamps only) and samples its event-loop delay and CPU time; an extra run of each profiled scenario has V8\'s CPU profiler on ' +
      '(1 ms), "step" shares counting a sample for every step on its stack.',
    `Load average at the end of the suite: ${load} (2 cores; the start is in the machine line). Other work was running on ` +
      'the machine: the load table gives, per run, the share of the window during which some task waited for a CPU (PSI). ' +
      'The app\'s CPU stays under 100 % of a core even while it falls behind: its loop also waits on fsyncs, and for a CPU.',
  ];
}
