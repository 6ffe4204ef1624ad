import { CLOCK, type Clock } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isDeepStrictEqual } from 'node:util';

import { KpiAnswers } from '../../projection/kpi-answers.js';
import { type TargetProgress } from '../../targets/strategic-target.js';
import { baselineProblems, parseTargetBody } from '../../targets/target-body.js';
import { targetSet } from '../../targets/target-events.js';
import { TargetJournal } from '../../targets/target-journal.js';
import { overDaysOf } from '../../projection/cold-bucket-reads.js';
import { type TargetSettings, targetProgress } from '../../targets/target-reading.js';
import { InvalidTargetError, throwUnlessStored } from './target-errors.js';
import { targetIdProblems } from './target-id.js';
import { TARGET_SETTINGS } from './target-settings.js';

/** `PUT /api/targets/:id` (targets-and-reports.md): records `TargetSet`. */
export class SetTargetCommand extends Command<TargetProgress> {
  constructor(
    readonly id: string,
    /** The request body, checked by the handler. */
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super();
  }
}

/**
 * Checks the body (each field, their relations, the KPI's unit and slices, then its value over the baseline period on
 * the live engine) and records `TargetSet`, unless the target is already exactly this (PUT is idempotent). Answers the
 * target with its progress now. @throws InvalidTargetError, ConcurrentTargetChangeError
 */
@CommandHandler(SetTargetCommand)
export class SetTargetHandler implements ICommandHandler<SetTargetCommand, TargetProgress> {
  constructor(
    @Inject(TargetJournal) private readonly journal: TargetJournal,
    @Inject(KpiAnswers) private readonly answers: KpiAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TARGET_SETTINGS) private readonly settings: TargetSettings,
  ) {}

  async execute({ id, body }: SetTargetCommand): Promise<TargetProgress> {
    const parsed = parseTargetBody(body);
    const problems = [...targetIdProblems(id), ...(parsed.ok ? [] : parsed.problems)];
    if (!parsed.ok || problems.length > 0) throw new InvalidTargetError(problems);
    const { definition } = parsed;
    const { value } = await this.answers.answerAcrossTurns(undefined, (engine, { cold }) =>
      overDaysOf(engine, cold)(definition.kpiId, definition.baseline.from, definition.baseline.to, definition.filters),
    );
    const refused = baselineProblems(definition, value);
    if (refused.length > 0) throw new InvalidTargetError(refused);
    await this.journal.exclusive(async () => {
      const current = this.journal.ledger.target(id);
      if (current !== undefined && isDeepStrictEqual({ ...current }, { id, ...definition })) return;
      const event = targetSet(id, this.journal.ledger.changes(id) + 1, definition, this.clock.now().toISOString());
      throwUnlessStored(await this.journal.record(event), id);
    });
    return this.answers.answerAcrossTurns(undefined, (engine, { now, cold }) => targetProgress(overDaysOf(engine, cold), { id, ...definition }, now, this.settings));
  }
}
