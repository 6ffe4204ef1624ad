import { Counter, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX, METRICS_REGISTRY, WRITE_DURATION_BUCKETS } from '@customs-pulse/http';
import type { FactoryProvider } from '@nestjs/common';
import { INGEST_METRICS, type IngestMetrics } from './ingest-metrics.port.js';

/** One ingest as libs/ingest reports it (its `IngestedBatch`). */
export interface IngestFigures {
  readonly transport: string;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly appendSeconds: number | null;
}

/** The transports counted from the start, so a rate over them exists before their first event. */
const TRANSPORTS = ['http', 'kafka'] as const;
const OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;

/**
 * libs/ingest's `IngestMetrics` port on prom-client: events by transport and outcome, the duration of each batch's
 * durable append, and Kafka dead letters.
 */
export class PrometheusIngestMetrics implements IngestMetrics {
  private readonly events: Counter<'transport' | 'outcome'>;
  private readonly appendDuration: Histogram<'transport'>;
  private readonly deadLetters: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.events = new Counter({
      name: `${METRIC_PREFIX}ingest_events_total`,
      help: 'Candidate events ingested, by transport (http, kafka, in-process) and outcome (accepted, duplicate, rejected)',
      labelNames: ['transport', 'outcome'],
      registers,
    });
    this.appendDuration = new Histogram({
      name: `${METRIC_PREFIX}ingest_append_duration_seconds`,
      help: "Duration of an ingest batch's one durable appendMany to the event store, by transport",
      labelNames: ['transport'],
      buckets: [...WRITE_DURATION_BUCKETS],
      registers,
    });
    this.deadLetters = new Counter({
      name: `${METRIC_PREFIX}ingest_dead_letters_total`,
      help: 'Rejected Kafka records written to the dead-letter topic and acknowledged',
      registers,
    });
    for (const transport of TRANSPORTS) for (const outcome of OUTCOMES) this.events.inc({ transport, outcome }, 0);
  }

  ingested({ transport, accepted, duplicates, rejected, appendSeconds }: IngestFigures): void {
    this.events.inc({ transport, outcome: 'accepted' }, accepted);
    this.events.inc({ transport, outcome: 'duplicate' }, duplicates);
    this.events.inc({ transport, outcome: 'rejected' }, rejected);
    if (appendSeconds !== null) this.appendDuration.observe({ transport }, appendSeconds);
  }

  deadLettered(count: number): void {
    this.deadLetters.inc(count);
  }
}

/** Binds `INGEST_METRICS` to prom-client in the app's registry: for `MetricsModule.forRoot({ adapters })`. */
export const PROMETHEUS_INGEST_METRICS: FactoryProvider<IngestMetrics> = {
  provide: INGEST_METRICS,
  inject: [METRICS_REGISTRY],
  useFactory: (registry: Registry) => new PrometheusIngestMetrics(registry),
};
