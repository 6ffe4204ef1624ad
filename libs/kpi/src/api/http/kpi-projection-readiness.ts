import { type ReadinessCheck } from '@customs-pulse/http';
import { Inject, Injectable } from '@nestjs/common';

import { KpiProjection } from '../../projection/kpi-projection.js';

/** `GET /health/ready` waits for the KPI projection to catch up with the log as it was at start. */
@Injectable()
export class KpiProjectionReadiness implements ReadinessCheck {
  readonly name = 'kpiProjection';

  constructor(@Inject(KpiProjection) private readonly projection: KpiProjection) {}

  check(): { ready: boolean; position: number } {
    return { ready: this.projection.isCaughtUp, position: this.projection.view().position };
  }
}
