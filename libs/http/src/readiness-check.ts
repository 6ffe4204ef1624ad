/** Dependency-injection token for the app's {@link ReadinessCheck}s, an array. */
export const READINESS_CHECKS = Symbol('ReadinessChecks');

/** One check's answer: `ready` and whatever explains it. */
export type ReadinessStatus = { readonly ready: boolean } & Readonly<Record<string, unknown>>;

/**
 * One part of `GET /health/ready` beyond the event store (api.md: "store, bus and projections caught up"), e.g. the
 * KPI projection. `ready: false` makes the probe answer 503 with every part's status, so a load balancer waits.
 */
export interface ReadinessCheck {
  readonly name: string;
  /** May read (e.g. the store, for a lag); a check that cannot tell should answer `ready: false` rather than throw. */
  check(): ReadinessStatus | Promise<ReadinessStatus>;
}
