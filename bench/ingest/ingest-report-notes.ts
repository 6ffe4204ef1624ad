import { formatRate, type Rate } from '../harness/measure.js';
import { bestHttp, isMeasured, kafkaRate, type IngestResults, type StoreKind } from './ingest-figures.js';
import type { IngestWorkload } from './ingest-workload.js';
import { BENCH_REPORTING_CURRENCY } from './producer-events.js';
import { STAGE_WARMUP_BATCHES } from './stages-alone.js';

const STORES: readonly StoreKind[] = ['SQLite', 'PostgreSQL'];

/** What bounds each path, in this run's own figures: the stages alone against the whole path. */
export function boundNotes(workload: IngestWorkload, results: IngestResults): string[] {
  const notes: string[] = [];
  for (const store of STORES) {
    const stages = results.stages[store];
    if (!isMeasured(stages)) continue;
    const { useCase, appendMany } = stages;
    const costs =
      `the use case alone (validate + one appendMany per ${workload.batchSize}) does ${rate(useCase)} on ${store}; of its time per ` +
      `event, appendMany takes ${share(useCase, appendMany)} (alone: ${rate(appendMany)}) and validation ` +
      `${share(useCase, results.validation)} (alone: ${rate(results.validation)})` +
      unexplained(useCase, [appendMany, results.validation]);
    const kafka = kafkaRate(results, store);
    if (kafka && isMeasured(results.kafka)) {
      const raw = results.kafka.raw.rate;
      const ours = results.kafka.ours[store];
      const runSeconds = (results.kafka.topic.events / kafka.median).toFixed(1);
      const startup = isMeasured(ours) ? ` (${(ours.startupMs / 1000).toFixed(2)} s of the ${runSeconds} s run)` : '';
      notes.push(
        `Bound, Kafka to ${store} (${rate(kafka)}): ${kafka.median < raw.median / 2 ? 'not Kafka: ' : ''}the raw kafkajs consumer ` +
          `reads the same records at ${rate(raw)} (ours / raw = ${percent(kafka.median / raw.median)}). ${capitalized(costs)}. ` +
          `The transport keeps ${percent(kafka.median / useCase.median)} of the use case's rate; the rest is start-up${startup}, ` +
          'kafkajs fetching and decoding on the same event loop, and the consumer\'s loop per partition (up to 4 partitions ' +
          'at once, whose appends still queue on the store\'s append lock): validate, append, then commit its offset.',
      );
    }
    const http = bestHttp(results, store);
    const httpFigures = results.http[store];
    if (http && isMeasured(httpFigures)) {
      notes.push(
        `Bound, HTTP to ${store} (${rate(http)} with ${httpFigures.at(-1)!.inFlight} in flight): ${costs}. HTTP keeps ` +
          `${percent(http.median / useCase.median)} of it; the rest is the transport (reading the body, one JSON.parse of the ` +
          'array, validateEvent serializing each event again to measure its size, the JWT check, the answer) and the ' +
          'clients, which share the app\'s process and event loop.',
      );
    }
  }
  notes.push(
    'Appends are serialized in both stores, so more requests in flight cannot make appends faster: SQLite\'s run ' +
      'synchronously on the event loop (better-sqlite3, one BEGIN IMMEDIATE transaction each), PostgreSQL\'s queue for ' +
      `the log's advisory lock while holding a pooled connection.${inFlightEffect(workload, results)} The event-store ` +
      'suite\'s section of this file has appendMany in batches of 100 against the raw drivers.',
  );
  return notes;
}

/** How the figures were made, so that a reader can judge and repeat them. */
export function methodNotes(workload: IngestWorkload, results: IngestResults): string[] {
  const kafka = results.kafka;
  const notes = [
    'Events: generated clearance events (bench/event-store/clearance-event-generator.ts, fixed seed) as producers send them ' +
      `(CloudEvents JSON${isMeasured(kafka) ? `, ${Math.round(kafka.topic.averageBytes)} bytes on average` : ''}), all valid and ` +
      `distinct; every \`currency\` is set to the reporting currency ${BENCH_REPORTING_CURRENCY}, since the generator writes ` +
      'duties in UZS, which a USD deployment rejects (about 30% of its events). Every run checks that all were accepted ' +
      '(HTTP `accepted` equals the events sent) or stored (`head()`).',
    'HTTP: the standalone app (`createHttpApp(StandaloneModule.forRoot(loadConfig(env), secret))`) in this process on ' +
      '127.0.0.1, port 0, with a real JWT of the ingest role, on a new store: SQLite in a temporary DATA_DIR, PostgreSQL ' +
      'with EVENT_STORE=postgres in a fresh schema. Batches are serialized before the clock; the clients are `fetch` in ' +
      'this process, each sending its next batch once its 200 is read; a run is timed from its first request to its ' +
      `last 200. ${workload.httpWarmupBatches} warm-up batches, then ${workload.repeats} runs of ` +
      `${formatRate(workload.httpEventsPerRun)} events per level, the levels' runs interleaved; the log grows across runs.`,
    'The app is compiled by SWC with decorator metadata (bench/ingest/swc-decorator-metadata.hooks.ts), as Jest and the ' +
      'build compile it: under tsx alone, the bench\'s loader, it does not start, because `RolesGuard` (Reflector) and ' +
      '`EventsController` (CommandBus) take constructor parameters without `@Inject`, and tsx emits no decorator metadata.',
    `Stages alone: the same record values in batches of ${workload.batchSize}, on new stores; ${workload.repeats} runs of ` +
      `${formatRate(workload.stageEventsPerRun)} events each after ${STAGE_WARMUP_BATCHES} warm-up batches, the stages' runs ` +
      'interleaved (run 1 of each, then run 2 of each...), so that load and log size change alike for all. appendMany ' +
      'gets the events as validation returns them, one write per declaration, as the use case groups them. "X / this" is ' +
      'the whole path\'s rate over the stage\'s: how much of what that stage alone allows the path achieves.',
  ];
  if (isMeasured(kafka)) {
    notes.push(
      `Kafka: ${formatRate(kafka.topic.events)} records produced before any measurement to a fresh topic of ` +
        `${kafka.topic.partitions} partitions (key = subject, acks -1; took ${kafka.topic.produceSeconds.toFixed(1)} s), on the ` +
        `broker at ${kafka.bootstrap} (${kafka.broker}). After an untimed warm-up ingest of another topic (a fresh broker ` +
        'creates its coordinators\' topics on first use), the runs of each store and of the raw consumer are interleaved; ' +
        'each run has a new consumer group and, for ingest, a new empty ' +
        'store. Ingest is `IngestModule.forRoot({ kafka })` as the app wires it (libs/testing/src/kafka ' +
        '`startKafkaIngestApp`: the same consumer and kafkajs adapters, default options: slices of 500, up to 4 partitions ' +
        'at once), timed from creating it until `head()` holds every record (polled every 10 ms); "start-up" is until the ' +
        'first stored event. The raw consumer has the same fetch settings and kafkajs\' default auto-commit, timed from ' +
        '`connect` until the last record is counted.',
    );
  }
  return notes;
}

function rate(figures: Rate): string {
  return `${formatRate(figures.median)} events/s`;
}

/** What the most requests in flight did to HTTP's rate, against the fewest, per store. */
function inFlightEffect(workload: IngestWorkload, results: IngestResults): string {
  const changes = STORES.flatMap((store) => {
    const http = results.http[store];
    if (!isMeasured(http) || http.length < 2) return [];
    const [fewest, most] = [http[0]!, http.at(-1)!];
    const change = most.rate.median / fewest.rate.median - 1;
    return [`${change >= 0 ? '+' : ''}${Math.round(change * 100)}% on ${store}`];
  });
  if (changes.length === 0) return '';
  const levels = workload.httpInFlight;
  return ` Over HTTP, ${levels.at(-1)} in flight instead of ${levels[0]} gave ${changes.join(' and ')} (compare with the spreads).`;
}

/** The part of the use case's time per event that neither stage alone accounts for, when it is worth saying. */
function unexplained(whole: Rate, stages: readonly Rate[]): string {
  const rest = 1 - stages.reduce((sum, stage) => sum + whole.median / stage.median, 0);
  if (rest < 0.1) return '';
  return `; the other ${percent(rest)} is neither alone (the handler's bookkeeping, garbage collection of both, noise between runs)`;
}

/** The part of `whole`'s time per event that `stage` alone would take. */
function share(whole: Rate, stage: Rate): string {
  return percent(whole.median / stage.median);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
