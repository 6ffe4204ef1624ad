import { CLOCK, type Clock, type KpiDirection, type KpiId, type KpiThresholds, kpiById } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { kpiThresholdChanged } from '../../events/alert-events.js';
import { AlertJournal } from '../../journal/alert-journal.js';
import { ConcurrentAlertChangeError, InvalidThresholdsError } from '../../lifecycle/alert-errors.js';
import { checkThresholdChange } from '../../rules/threshold-change-rules.js';

/** What `PUT /api/kpis/:id/thresholds` answers. */
export interface KpiThresholdsChange {
  readonly kpiId: KpiId;
  readonly direction: KpiDirection;
  /** The thresholds now in force. */
  readonly thresholds: KpiThresholds;
  /** Those in force before; `null` for a KPI that had none. */
  readonly previous: KpiThresholds | null;
  /** `false` when the thresholds were already these: nothing was recorded. */
  readonly changed: boolean;
}

/** New alert thresholds for a KPI (api.md, `PUT /api/kpis/:id/thresholds`): records `KpiThresholdChanged`. */
export class ChangeKpiThresholdsCommand extends Command<KpiThresholdsChange> {
  constructor(
    readonly kpiId: KpiId,
    /** The request body, checked by the handler. */
    readonly body: Readonly<Record<string, unknown>>,
    readonly by: string | null,
  ) {
    super();
  }
}

/**
 * The change takes effect from its position in the log: the rules judge every later batch by it, and a batch that
 * carries it re-judges the KPI's slices at once.
 * @throws InvalidThresholdsError, ConcurrentAlertChangeError
 */
@CommandHandler(ChangeKpiThresholdsCommand)
export class ChangeKpiThresholdsHandler implements ICommandHandler<ChangeKpiThresholdsCommand, KpiThresholdsChange> {
  constructor(
    @Inject(AlertJournal) private readonly journal: AlertJournal,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ kpiId, body, by }: ChangeKpiThresholdsCommand): Promise<KpiThresholdsChange> {
    const { direction } = kpiById(kpiId);
    const check = checkThresholdChange(body, direction);
    if (!check.ok) throw new InvalidThresholdsError(check.problems);
    const { thresholds } = check;
    return this.journal.exclusive(async ({ ledger, record }) => {
      const previous = ledger.thresholdsAt(kpiId);
      // PUT is idempotent: the same thresholds again record nothing.
      if (previous?.warning === thresholds.warning && previous.critical === thresholds.critical) {
        return { kpiId, direction, thresholds, previous, changed: false };
      }
      const revision = ledger.thresholdRevision(kpiId) + 1;
      const event = kpiThresholdChanged(kpiId, revision, { kpiId, ...thresholds, previous, by }, this.clock.now().toISOString());
      const [outcome] = await record([event]);
      if (outcome === 'conflict') throw new ConcurrentAlertChangeError(`the thresholds of ${kpiId}`);
      return { kpiId, direction, thresholds, previous, changed: true };
    });
  }
}
