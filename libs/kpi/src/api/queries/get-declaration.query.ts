import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type DeclarationReport, declarationReport } from '../../declarations/declaration-report.js';
import { storedDeclarationFacts } from '../../declarations/stored-declaration-facts.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** One declaration's facts and TRS segments; `null` when no event of it was projected. */
export class GetDeclarationQuery extends Query<DeclarationReport | null> {
  constructor(
    readonly id: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetDeclarationQuery)
export class GetDeclarationHandler implements IQueryHandler<GetDeclarationQuery, DeclarationReport | null> {
  constructor(@Inject(KpiAnswers) private readonly answers: KpiAnswers) {}

  execute({ id, asOf }: GetDeclarationQuery): Promise<DeclarationReport | null> {
    // Without holding the engine: a cold declaration is one read of the read model (stored-declaration-facts.ts).
    return this.answers.answer(asOf, async (engine, { position, cold }) => {
      const facts = await storedDeclarationFacts(engine, cold, id);
      return facts === undefined ? null : declarationReport(id, facts, position);
    });
  }
}
