import { CLOCK, type Clock } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { targetRetired } from '../../targets/target-events.js';
import { TargetJournal } from '../../targets/target-journal.js';
import { UnknownTargetError, throwUnlessStored } from './target-errors.js';

/** `DELETE /api/targets/:id` (targets-and-reports.md): records `TargetRetired`. */
export class RetireTargetCommand extends Command<void> {
  constructor(readonly id: string) {
    super();
  }
}

/** @throws UnknownTargetError for a target not in force, ConcurrentTargetChangeError */
@CommandHandler(RetireTargetCommand)
export class RetireTargetHandler implements ICommandHandler<RetireTargetCommand, void> {
  constructor(
    @Inject(TargetJournal) private readonly journal: TargetJournal,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ id }: RetireTargetCommand): Promise<void> {
    await this.journal.exclusive(async () => {
      if (this.journal.ledger.target(id) === undefined) throw new UnknownTargetError(id);
      const event = targetRetired(id, this.journal.ledger.changes(id) + 1, this.clock.now().toISOString());
      throwUnlessStored(await this.journal.record(event), id);
    });
  }
}
