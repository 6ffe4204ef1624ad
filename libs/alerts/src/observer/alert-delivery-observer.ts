import { SYSTEM_EVENT_TYPES } from '@customs-pulse/domain';
import { type CommittedKpiBatch, type KpiCommitObserver } from '@customs-pulse/kpi';

import { type AlertJournal } from '../journal/alert-journal.js';

/**
 * What a gateway names among its KPI projection's commit observers instead of the rules: it judges nothing and
 * appends nothing, and only folds the alert events the judge (the projector) stored, as its mirror reads them from
 * the log between the projector's checkpoints, into its {@link AlertJournal}, which pushes each change to the
 * gateway's live clients and answers `GET /api/alerts`. Several gateways judging the same log would each raise their own threshold alerts, at their
 * own batch positions (architecture.md, guarantee 9: gateways only deliver).
 */
export class AlertDeliveryObserver implements KpiCommitObserver {
  /** The alert journal folds the system's own events only (alert-journal.ts). */
  readonly eventTypes = SYSTEM_EVENT_TYPES;

  constructor(private readonly journal: AlertJournal) {}

  async committed({ events }: CommittedKpiBatch): Promise<void> {
    await this.journal.exclusive(async () => this.journal.observe(events));
  }
}
