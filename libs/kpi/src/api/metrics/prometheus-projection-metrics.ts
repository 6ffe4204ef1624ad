import { CLOCK, type Clock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { type FactoryProvider, Logger, type LoggerService } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX, METRICS_REGISTRY, WRITE_DURATION_BUCKETS } from '@customs-pulse/http';
import { KPI_PROJECTION_METRICS, type KpiProjectionMetrics, type ProjectorRole } from '../../projection/kpi-projection-metrics.port.js';
import { type HeldSubjectsFigures } from '../../engine/kpi-engine.js';
import { projectionLag, type ProjectionLag } from './projection-lag.js';
import { sharedReading } from './shared-reading.js';

const PROJECTOR_ROLES: readonly ProjectorRole[] = ['live', 'rebuild'];

/** The store and projection figures of one scrape; `projection` is null until the projection is followed. */
interface ProjectionReading {
  readonly head: number;
  readonly projection: { readonly applied: number; readonly lag: ProjectionLag } | null;
}

/**
 * libs/kpi's `KpiProjectionMetrics` port on prom-client. Positions and lag are read from the event store and the
 * projection when scraped, never counted on the projection's path; commit durations and rebuilds are told.
 *
 * Events applied are counted from the applied position's advance: positions are contiguous (the `EventStore`
 * contract), so the advance is the number of events. It counts from when the projection was followed, and a rebuild
 * swapped in behind the old projector's position counts nothing until it passes that position.
 */
export class PrometheusProjectionMetrics implements KpiProjectionMetrics {
  private appliedPosition: (() => number) | null = null;
  private held: () => HeldSubjectsFigures | null = () => null;
  /** The highest applied position counted into `appliedEvents`. */
  private countedThrough = 0;
  private readonly appliedEvents: Counter;
  private readonly commitDuration: Histogram;
  private readonly notifierFailures: Counter;
  private readonly observerFailures: Counter;
  private readonly rebuildsStarted: Counter;
  private readonly rebuildsSwapped: Counter;
  private readonly failedAttempts: Counter;
  private readonly consecutiveFailures: Gauge;
  private failing = false;

  constructor(
    registry: Registry,
    private readonly store: Pick<EventStore, 'head' | 'readAll'>,
    private readonly clock: Clock,
    private readonly logger: LoggerService = new Logger('Metrics'),
  ) {
    const registers = [registry];
    const reading = sharedReading(() => this.read());
    // A figure that could not be read is NaN: "unknown", where a stale or zero value would mislead.
    const scraped = (name: string, help: string, value: (reading: ProjectionReading) => number | undefined): void => {
      new Gauge({
        name: `${METRIC_PREFIX}${name}`,
        help,
        registers,
        async collect() {
          this.set((await reading().then(value, () => undefined)) ?? Number.NaN);
        },
      });
    };
    scraped('event_store_head_position', 'Position of the last event of the global log', ({ head }) => head);
    scraped('kpi_projection_applied_position', 'Position of the last event the live KPI projection has applied', ({ projection }) => projection?.applied);
    scraped('kpi_projection_lag_events', 'Events stored but not yet applied by the KPI projection (head - applied)', ({ projection }) => projection?.lag.events);
    scraped(
      'kpi_projection_lag_seconds',
      'Seconds the oldest event not yet applied by the KPI projection has waited since it was stored; 0 when caught up',
      ({ projection }) => projection?.lag.seconds,
    );
    // Read off the engine at each scrape; figures of the engine queries answer from, made anew by a start or a rebuild.
    const memory = (name: string, help: string, figure: keyof HeldSubjectsFigures): void => {
      const read = (): number => this.held()?.[figure] ?? Number.NaN;
      new Gauge({ name: `${METRIC_PREFIX}${name}`, help, registers, collect() { this.set(read()); } });
    };
    memory('kpi_held_declarations', 'Declarations the live KPI engine holds in memory: the open ones and the closed cache (OPEN_MAX_DAYS, CLOSED_CACHE_SIZE)', 'declarations');
    memory('kpi_held_cases', 'Enforcement cases the live KPI engine holds in memory', 'cases');
    memory('kpi_buckets_in_memory', 'KPI buckets (hour and day, every slice) the live KPI engine holds in memory', 'buckets');
    memory('kpi_held_subject_hits', 'Events of a subject the live KPI engine held, since it was made (a start or a rebuild)', 'hits');
    memory('kpi_held_subject_misses', 'Subjects of events the live KPI engine did not hold and asked of the read model, since it was made', 'misses');
    memory('kpi_held_subject_loads', 'Subjects the live KPI engine read back from the read model, since it was made', 'loads');
    memory('kpi_held_subject_let_go', 'Subjects the live KPI engine let go of to the read model, since it was made', 'letGo');
    memory('kpi_buckets_read_back', 'KPI buckets before the held days (HOURLY_BUCKETS_DAYS, DAILY_BUCKETS_DAYS) the live KPI engine read back for late events, since it was made', 'bucketsReadBack');
    memory('kpi_buckets_let_go', 'KPI buckets the live KPI engine let go of to the read model, since it was made', 'bucketsLetGo');
    this.appliedEvents = new Counter({
      name: `${METRIC_PREFIX}kpi_projection_applied_events_total`,
      help: 'Events the live KPI projection has applied since this process started following it',
      registers,
      // Brought up to date by the reading; awaited so that a scrape shows the count of its own reading.
      collect: async () => {
        await reading().catch(() => undefined);
      },
    });
    this.commitDuration = new Histogram({
      name: `${METRIC_PREFIX}kpi_projection_commit_duration_seconds`,
      help: "Duration of a KPI read model commit (a batch's effect and its checkpoint in one transaction), rebuilds included",
      buckets: [...WRITE_DURATION_BUCKETS],
      registers,
    });
    this.notifierFailures = new Counter({
      name: `${METRIC_PREFIX}kpi_notifier_failures_total`,
      help: "Committed KPI batches whose changed values the notifier failed to publish (live push or Kafka KPI updates)",
      registers,
    });
    this.observerFailures = new Counter({
      name: `${METRIC_PREFIX}kpi_commit_observer_failures_total`,
      help: 'Committed KPI batches a commit observer (the alert judge, the alert delivery) failed on; the others are told all the same',
      registers,
    });
    this.rebuildsStarted = new Counter({ name: `${METRIC_PREFIX}kpi_rebuilds_started_total`, help: 'KPI rebuilds started (a fresh read model generation filled from position 0)', registers });
    this.rebuildsSwapped = new Counter({ name: `${METRIC_PREFIX}kpi_rebuilds_swapped_total`, help: 'KPI rebuilds that caught up and were swapped in as the live projection', registers });
    this.failedAttempts = new Counter({
      name: `${METRIC_PREFIX}kpi_projection_failed_attempts_total`,
      help: 'Reads of the log and read model commits of the KPI projection that failed and are retried; projector="live" or "rebuild"',
      labelNames: ['projector'],
      registers,
    });
    this.consecutiveFailures = new Gauge({
      name: `${METRIC_PREFIX}kpi_projection_consecutive_failures`,
      help: 'Failed attempts in a row of the KPI projection; 0 while it works; projector="live" or "rebuild"',
      labelNames: ['projector'],
      registers,
    });
    // Both series exist from the start, so that "no failure" reads 0 rather than absent.
    for (const projector of PROJECTOR_ROLES) {
      this.failedAttempts.inc({ projector }, 0);
      this.consecutiveFailures.set({ projector }, 0);
    }
  }

  followMemory(held: () => HeldSubjectsFigures | null): void {
    this.held = held;
  }

  follow(appliedPosition: () => number): void {
    this.appliedPosition = appliedPosition;
    this.countedThrough = appliedPosition();
  }

  committed(seconds: number): void {
    this.commitDuration.observe(seconds);
  }

  notifierFailed(): void {
    this.notifierFailures.inc();
  }

  commitObserverFailed(): void {
    this.observerFailures.inc();
  }

  rebuildStarted(): void {
    this.rebuildsStarted.inc();
  }

  rebuildSwapped(): void {
    this.rebuildsSwapped.inc();
  }

  projectionFailures(consecutive: number, projector: ProjectorRole): void {
    if (consecutive > 0) this.failedAttempts.inc({ projector });
    this.consecutiveFailures.set({ projector }, consecutive);
  }

  private async read(): Promise<ProjectionReading> {
    try {
      const reading = await this.readStoreAndProjection();
      if (this.failing) this.logger.log('the event store answers metrics again');
      this.failing = false;
      return reading;
    } catch (error) {
      // Once per outage: a scraper asks every few seconds, and readiness and the API report the outage too.
      if (!this.failing) this.logger.warn(`store figures cannot be read for metrics: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
      throw error;
    }
  }

  private async readStoreAndProjection(): Promise<ProjectionReading> {
    const head = (await this.store.head()).position;
    if (this.appliedPosition === null) return { head, projection: null };
    const applied = this.appliedPosition();
    const oldestPending = applied < head ? (await this.store.readAll(applied, 1))[0] : undefined;
    const lag = projectionLag({ head, applied, oldestPendingRecordedAt: oldestPending?.recordedAt, now: this.clock.now() });
    if (applied > this.countedThrough) {
      this.appliedEvents.inc(applied - this.countedThrough);
      this.countedThrough = applied;
    }
    return { head, projection: { applied, lag } };
  }
}

/**
 * Binds `KPI_PROJECTION_METRICS` to prom-client in the app's registry: for `MetricsModule.forRoot({ adapters })`.
 * Needs `EVENT_STORE`, whose head the lag is measured against.
 */
export const PROMETHEUS_PROJECTION_METRICS: FactoryProvider<KpiProjectionMetrics> = {
  provide: KPI_PROJECTION_METRICS,
  inject: [METRICS_REGISTRY, EVENT_STORE, CLOCK],
  useFactory: (registry: Registry, store: EventStore, clock: Clock) => new PrometheusProjectionMetrics(registry, store, clock),
};
