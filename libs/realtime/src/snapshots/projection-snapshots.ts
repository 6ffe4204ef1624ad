import { type KpiAnswers, currentUpdate } from '@customs-pulse/kpi';

import { type LiveSubscription } from '../subscriptions/live-subscription.js';
import { type LiveSnapshot, type LiveSnapshots } from './live-snapshots.port.js';

/**
 * Snapshots read off the live KPI projection of this process, through the same {@link KpiAnswers} as
 * `GET /api/kpis/:id/current`: one engine at one position, so the values and the position agree.
 */
export class ProjectionSnapshots implements LiveSnapshots {
  constructor(private readonly answers: Pick<KpiAnswers, 'answer'>) {}

  snapshot({ kpis, filters }: LiveSubscription): Promise<LiveSnapshot> {
    return this.answers.answer(undefined, (engine, at) => ({
      position: at.position,
      // api.md's snapshot shape: the position once, no window.
      values: kpis.map((kpiId) => currentUpdate(engine, kpiId, filters, at)).map(({ kpiId, filters, value, n }) => ({ kpiId, filters, value, n })),
    }));
  }
}
