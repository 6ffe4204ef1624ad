import { CLOCK, type Clock } from '@customs-pulse/domain';

import { type AlertNotice } from '../../lifecycle/alert-notice.js';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { alertAcknowledged } from '../../events/alert-events.js';
import { AlertJournal } from '../../journal/alert-journal.js';
import { AlertNotOpenError, ConcurrentAlertChangeError, UnknownAlertError } from '../../lifecycle/alert-errors.js';

/** The risk unit has seen an open alert (api.md, `POST /api/alerts/:id/acknowledge`): records `AlertAcknowledged`. */
export class AcknowledgeAlertCommand extends Command<AlertNotice> {
  constructor(
    readonly alertId: string,
    readonly note: string | null,
    /** The `sub` of the acknowledging token. */
    readonly by: string | null,
  ) {
    super();
  }
}

/**
 * @throws UnknownAlertError, AlertNotOpenError (acknowledged or resolved already), ConcurrentAlertChangeError
 */
@CommandHandler(AcknowledgeAlertCommand)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlertCommand, AlertNotice> {
  constructor(
    @Inject(AlertJournal) private readonly journal: AlertJournal,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ alertId, note, by }: AcknowledgeAlertCommand): Promise<AlertNotice> {
    return this.journal.exclusive(async ({ ledger, record }) => {
      const alert = ledger.alert(alertId);
      if (alert === undefined) throw new UnknownAlertError(alertId);
      if (alert.status !== 'open') throw new AlertNotOpenError(alert);
      const [outcome] = await record([alertAcknowledged(alertId, { by, note }, this.clock.now().toISOString())]);
      if (outcome === 'conflict') throw new ConcurrentAlertChangeError(`alert ${alertId}`);
      return ledger.alert(alertId)!;
    });
  }
}
