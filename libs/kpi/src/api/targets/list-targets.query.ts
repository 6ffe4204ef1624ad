import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { KpiAnswers } from '../../projection/kpi-answers.js';
import { type TargetProgress } from '../../targets/strategic-target.js';
import { TargetJournal } from '../../targets/target-journal.js';
import { overDaysOf } from '../../projection/cold-bucket-reads.js';
import { type TargetSettings, targetProgress } from '../../targets/target-reading.js';
import { TARGET_SETTINGS } from './target-settings.js';

/** `GET /api/targets`: the targets in force with their progress, now or as things stood at `asOf`. */
export class ListTargetsQuery extends Query<TargetProgress[]> {
  constructor(readonly asOf: Date | undefined) {
    super();
  }
}

/**
 * With `asOf`, both the plan and the KPI values are those of the events recorded by then, and progress is judged at
 * that instant: what a dashboard showed then.
 */
@QueryHandler(ListTargetsQuery)
export class ListTargetsHandler implements IQueryHandler<ListTargetsQuery, TargetProgress[]> {
  constructor(
    @Inject(TargetJournal) private readonly journal: TargetJournal,
    @Inject(KpiAnswers) private readonly answers: KpiAnswers,
    @Inject(TARGET_SETTINGS) private readonly settings: TargetSettings,
  ) {}

  async execute({ asOf }: ListTargetsQuery): Promise<TargetProgress[]> {
    await this.journal.load();
    const targets = this.journal.ledger.inForce(asOf?.getTime());
    return this.answers.answerAcrossTurns(asOf, async (engine, { now, cold }) => {
      const read = overDaysOf(engine, cold);
      const progress: TargetProgress[] = [];
      for (const target of targets) progress.push(await targetProgress(read, target, now, this.settings));
      return progress;
    });
  }
}
