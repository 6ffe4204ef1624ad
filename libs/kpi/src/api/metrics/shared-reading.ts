/**
 * `read`, shared by whoever asks while it is in flight. prom-client starts every metric's `collect` of a scrape in
 * the same tick, so the gauges of one scrape read the store once and agree with one another.
 */
export function sharedReading<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => (inFlight ??= read().finally(() => (inFlight = null)));
}
