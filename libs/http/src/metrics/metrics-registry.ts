import { collectDefaultMetrics, Registry } from 'prom-client';

/** Dependency-injection token for the app's own prom-client `Registry`. */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');

/** The prefix of every Customs Pulse figure; Node's own keep prom-client's names (`process_*`, `nodejs_*`). */
export const METRIC_PREFIX = 'customs_pulse_';

/**
 * Histogram buckets for a durable write, in seconds: from a SQLite commit on a fast disk (about a millisecond) to a
 * PostgreSQL commit under load or a stall worth an alert (seconds).
 */
export const WRITE_DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A registry of one app's metrics, with Node's default ones (process CPU, heap, event loop lag, GC). Never the
 * global default registry: several apps may run in one process (the tests start four), and each must report only
 * its own figures.
 */
export function appMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
