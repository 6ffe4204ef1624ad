import { existsSync } from 'node:fs';
import type { LoopDelay, MemoryFigure } from './history-messages.js';
import { HistoryApp } from './history-app.js';
import { kpiReadModelDirectory } from './history-app-config.js';
import { currentAsOf, daySeriesAsOf, periodOf, randomInstants, report, yearSeries } from './history-questions.js';
import type { GrownStore } from './history-store.js';
import { HISTORY_END } from './history-workload.js';

/** Seconds of each run of one question. */
export type Timings = readonly number[];

/** Everything measured at one size of the history. */
export interface SizeFigures {
  readonly events: number;
  readonly store: GrownStore;
  /**
   * The first start on this size: the app's read models catch up from 0 (`fromZero`), or from where an earlier run's
   * left them in the cache. `loop` from the app listening until it is ready.
   */
  readonly catchUp: { readonly seconds: number; readonly fromZero: boolean; readonly loop: LoopDelay; readonly memory: MemoryFigure };
  /** `POST /api/kpis/rebuild`: from position 0 into a new read model, swapped in. */
  readonly rebuild: { readonly seconds: number; readonly eventsPerSecond: number; readonly loop: LoopDelay };
  /** A restart at the head of the log. */
  readonly restart: { readonly startToReadySeconds: number; readonly loadSeconds: number; readonly memory: MemoryFigure };
  readonly asOf: { readonly current: Timings; readonly daySeries: Timings; readonly loop: LoopDelay; readonly memoryAfter: MemoryFigure };
  readonly yearSeries: Timings;
  /** The period of the reports: the whole generated history, at most 365 days. */
  readonly period: { readonly from: number; readonly to: number };
  readonly trs: Timings;
  readonly pmm: Timings;
  readonly trsAsOf: Timings;
  readonly pmmAsOf: Timings;
}

/** Live questions are asked this many times (the median is quoted); each asOf question once per instant. */
const LIVE_REPEATS = 3;
/** A start-up that has not finished by then is a failure of the bench, not a figure. */
const READY_WITHIN_MS = 30 * 60_000;

/** Starts the app on `dataDir` (the first `events` events of the history), restarts it, and asks every question. */
export async function measureSize(
  dataDir: string,
  store: GrownStore,
  asOfSamples: number,
  progress: (line: string) => void,
): Promise<SizeFigures> {
  const events = store.head;
  progress(`${events.toLocaleString('en-US')} events: first start (catch-up)`);
  const fromZero = !existsSync(kpiReadModelDirectory(dataDir));
  const first = await HistoryApp.start(dataDir, READY_WITHIN_MS);
  let app = first.app;
  try {
    const catchUp = { seconds: first.startToReadySeconds, fromZero, loop: await app.loopDelay(), memory: await app.memory() };
    progress(`caught up in ${catchUp.seconds.toFixed(1)} s; rebuilding`);
    const rebuilt = await app.loopDelayDuring(() => app.request('/api/kpis/rebuild', 'POST'));
    const rebuild = { seconds: rebuilt.result.seconds, eventsPerSecond: events / rebuilt.result.seconds, loop: rebuilt.loop };
    progress(`rebuilt at ${Math.round(rebuild.eventsPerSecond)} events/s; restarting`);
    await app.stop();
    const second = await HistoryApp.start(dataDir, READY_WITHIN_MS);
    app = second.app;
    const restart = { startToReadySeconds: second.startToReadySeconds, loadSeconds: second.loadSeconds, memory: await app.memory() };
    progress(`ready after ${restart.startToReadySeconds.toFixed(1)} s; asOf at ${asOfSamples} instants`);

    // Each question at instants of its own: the app keeps its last replay, and a second question at the same
    // instant would be answered from it.
    const span = [Date.parse(store.firstTime), Date.parse(store.lastTime)] as const;
    const current: number[] = [];
    const daySeries: number[] = [];
    const asked = await app.loopDelayDuring(async () => {
      for (const instant of randomInstants(...span, asOfSamples, events)) current.push((await app.request(currentAsOf(instant))).seconds);
      for (const instant of randomInstants(...span, asOfSamples, events + 1)) daySeries.push((await app.request(daySeriesAsOf(instant))).seconds);
    });
    const asOf = { current, daySeries, loop: asked.loop, memoryAfter: await app.memory() };

    progress('a year of daily series, the TRS and PMM reports');
    const period = periodOf(store.firstTime, store.lastTime);
    const last = Date.parse(store.lastTime);
    const figures: SizeFigures = {
      events,
      store,
      catchUp,
      rebuild,
      restart,
      asOf,
      yearSeries: await timed(app, () => yearSeries(HISTORY_END), LIVE_REPEATS),
      period,
      trs: await timed(app, () => report('trs', period), LIVE_REPEATS),
      pmm: await timed(app, () => report('pmm', period), LIVE_REPEATS),
      trsAsOf: await fromStart(app, store, () => report('trs', period, last)),
      pmmAsOf: await fromStart(app, store, () => report('pmm', period, last)),
    };
    return figures;
  } finally {
    await app.stop();
  }
}

/**
 * One question asOf the end, after an untimed one at the first event time: the app keeps the engine of its last asOf
 * answer for a later instant of the same epoch, and a question at the start makes it load the last epoch anew.
 */
async function fromStart(app: HistoryApp, store: GrownStore, path: () => string): Promise<number[]> {
  await app.request(currentAsOf(Date.parse(store.firstTime)));
  return timed(app, path, 1);
}

async function timed(app: HistoryApp, path: () => string, repeats: number): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 0; run < repeats; run += 1) seconds.push((await app.request(path())).seconds);
  return seconds;
}
