import { loadavg } from 'node:os';
import type { FigureTable, SuiteReport } from '../harness/bench-suite.js';
import { formatRate, formatSpread, type Rate } from '../harness/measure.js';
import { bestHttp, isMeasured, kafkaRate, type IngestResults, type NotMeasured, type StoreKind } from './ingest-figures.js';
import { boundNotes, methodNotes, percent } from './ingest-report-notes.js';
import { GOALS, type IngestWorkload } from './ingest-workload.js';

const STORES: readonly StoreKind[] = ['SQLite', 'PostgreSQL'];

/** One line of the end-to-end table. */
interface PathFigure {
  readonly path: string;
  readonly store: StoreKind | '-';
  readonly measurement: string;
  readonly figures: Rate | NotMeasured;
  readonly startupMs?: number;
  /** The raw kafkajs consumer of the same records, for "ours / raw". */
  readonly raw?: Rate;
  readonly goal?: number;
}

export function ingestReport(workload: IngestWorkload, results: IngestResults, environment: readonly string[]): SuiteReport {
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const notes = [
    ...unreachableNotes(results),
    ...goalNotes(workload, results),
    ...boundNotes(workload, results),
    ...methodNotes(workload, results),
    `Load average after the suite: ${load}. The broker, PostgreSQL, the app and its HTTP clients share the machine's ` +
      'cores with whatever else runs; the figures are only as quiet as the machine was.',
  ];
  return { tables: [endToEndTable(pathFigures(workload, results)), stagesTable(workload, results)], environment, notes };
}

function pathFigures(workload: IngestWorkload, results: IngestResults): PathFigure[] {
  const lines: PathFigure[] = [];
  const post = (inFlight: number | string): string => `POST /api/events, batches of ${workload.batchSize}, ${inFlight} in flight`;
  for (const store of STORES) {
    const http = results.http[store];
    const levels = isMeasured(http) ? http : [{ inFlight: workload.httpInFlight.join(' and '), rate: http }];
    for (const { inFlight, rate } of levels) lines.push({ path: 'HTTP', store, measurement: post(inFlight), figures: rate, goal: GOALS.httpBatches });
  }
  const kafka = results.kafka;
  const events = formatRate(isMeasured(kafka) ? kafka.topic.events : workload.kafkaEvents);
  for (const store of STORES) {
    const ours = isMeasured(kafka) ? kafka.ours[store] : kafka;
    lines.push({
      path: 'Kafka to store',
      store,
      measurement: `ingest's Kafka transport, from its start until head() = ${events}`,
      figures: isMeasured(ours) ? ours.rate : ours,
      ...(isMeasured(ours) ? { startupMs: ours.startupMs } : {}),
      ...(isMeasured(kafka) ? { raw: kafka.raw.rate } : {}),
      ...(store === 'PostgreSQL' ? { goal: GOALS.kafkaToPostgres } : {}),
    });
  }
  lines.push({
    path: 'Kafka',
    store: '-',
    measurement: `raw kafkajs consumer (new group, eachBatch, counting only) of the same ${events} records`,
    figures: isMeasured(kafka) ? kafka.raw.rate : kafka,
    ...(isMeasured(kafka) ? { startupMs: kafka.raw.startupMs } : {}),
  });
  return lines;
}

function endToEndTable(lines: readonly PathFigure[]): FigureTable {
  const columns = [
    ...['path', 'store', 'measurement', 'events/s (median of 3)', 'spread'],
    ...['start-up, s', 'raw kafkajs, events/s', 'ours / raw', 'goal', 'met'],
  ];
  const rows = lines.map(({ path, store, measurement, figures, startupMs, raw, goal }) => {
    const measured = isMeasured(figures);
    return [
      path,
      store,
      measurement,
      ...rateCells(figures),
      startupMs === undefined ? '' : (startupMs / 1000).toFixed(2),
      raw && measured ? formatRate(raw.median) : '',
      raw && measured ? percent(figures.median / raw.median) : '',
      goal === undefined ? '' : `>= ${formatRate(goal)}`,
      goal === undefined ? '' : measured && figures.median >= goal ? 'yes' : '**no**',
    ];
  });
  return { columns, rows };
}

function stagesTable(workload: IngestWorkload, results: IngestResults): FigureTable {
  const rows: string[][] = [];
  const row = (stage: string, store: string, figures: Rate | NotMeasured, wholes: readonly (Rate | undefined)[] = []): void => {
    const share = (whole: Rate | undefined): string => (whole && isMeasured(figures) ? percent(whole.median / figures.median) : '');
    rows.push([stage, store, ...rateCells(figures), share(wholes[0]), share(wholes[1])]);
  };
  row('validateEventJson of each record value (no store)', '-', results.validation);
  const names = {
    appendMany: `appendMany alone, batches of ${workload.batchSize} (one write per declaration)`,
    useCase: `ingest use case alone (IngestEventsHandler: validate + appendMany), batches of ${workload.batchSize}`,
  };
  for (const kind of ['appendMany', 'useCase'] as const) {
    for (const store of STORES) {
      const stages = results.stages[store];
      row(names[kind], store, isMeasured(stages) ? stages[kind] : stages, [kafkaRate(results, store), bestHttp(results, store)]);
    }
  }
  const columns = [
    ...['stage, measured alone on the same records', 'store', 'events/s (median of 3)', 'spread'],
    ...['Kafka to store / this', 'HTTP (most in flight) / this'],
  ];
  return { columns, rows };
}

function unreachableNotes(results: IngestResults): string[] {
  const reasons = new Set<string>();
  for (const store of STORES) {
    const http = results.http[store];
    if (!isMeasured(http)) reasons.add(http.notMeasured);
  }
  if (!isMeasured(results.kafka)) reasons.add(results.kafka.notMeasured);
  const consequence = 'Every figure that needs it is missing above; its goals count as missed.';
  return [...reasons].map((reason) => `**NOT MEASURED: ${reason}.** ${consequence}`);
}

function goalNotes(workload: IngestWorkload, results: IngestResults): string[] {
  const notes: string[] = [];
  const verdict = (what: string, rate: Rate | undefined, goal: number): void => {
    if (rate === undefined) notes.push(`GOAL NOT MEASURED: ${what} (>= ${formatRate(goal)} events/s).`);
    else if (rate.median >= goal) notes.push(`Goal met: ${what}: ${formatRate(rate.median)} >= ${formatRate(goal)} events/s.`);
    else notes.push(`GOAL MISSED: ${what}: ${formatRate(rate.median)} < ${formatRate(goal)} events/s.`);
  };
  verdict('Kafka to PostgreSQL', kafkaRate(results, 'PostgreSQL'), GOALS.kafkaToPostgres);
  for (const store of STORES) {
    const http = results.http[store];
    const what = `HTTP to ${store}, batches of ${workload.batchSize}`;
    if (!isMeasured(http)) verdict(what, undefined, GOALS.httpBatches);
    else for (const { inFlight, rate } of http) verdict(`${what}, ${inFlight} in flight`, rate, GOALS.httpBatches);
  }
  return notes;
}

function rateCells(figures: Rate | NotMeasured): [string, string] {
  return isMeasured(figures) ? [formatRate(figures.median), formatSpread(figures)] : ['**NOT MEASURED**', ''];
}
