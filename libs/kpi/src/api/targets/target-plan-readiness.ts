import { type ReadinessCheck } from '@customs-pulse/http';

import { type TargetPlanLoad } from '../../targets/target-plan-load.js';

/** What `GET /health/ready` shows of the target plan under `targets`. */
export type TargetPlanStatus = {
  readonly ready: boolean;
  /** Whether the targets stored before this start have been read. */
  readonly loaded: boolean;
  /** Failed reads of the plan in a row; 0 while none failed. */
  readonly consecutiveFailures: number;
  /** Why the last read failed. */
  readonly error?: string;
};

/**
 * `GET /health/ready`'s view of the target plan (architecture.md, guarantee 8): not ready until it has been read, so
 * a process whose store was out at its start does not look healthy while it judges and pushes no stored target.
 */
export class TargetPlanReadiness implements ReadinessCheck {
  readonly name = 'targets';

  constructor(private readonly load: Pick<TargetPlanLoad, 'loaded' | 'failure'>) {}

  check(): TargetPlanStatus {
    const failure = this.load.failure;
    return {
      ready: this.load.loaded,
      loaded: this.load.loaded,
      consecutiveFailures: failure?.consecutive ?? 0,
      ...(failure === null ? {} : { error: failure.error }),
    };
  }
}
