import { declarationFactsFromJson } from '../engine/facts-json.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type ColdSubjects } from '../read-model/read-model.port.js';
import { type TrsDeclaration, type TrsReport, type TrsReportInput, trsReport } from './trs-report.js';

/** Rows read from the read model per page: a page parses in a few milliseconds, between two turns of the event loop. */
const COLD_PAGE_ROWS = 1_000;

/**
 * The TRS report from what an engine holds and, for a bounded engine, the declarations it let go of: the one place
 * that decides where the report's population comes from. The caller keeps the engine unchanged until it settles
 * (`KpiAnswers.answerAcrossTurns`), so a subject is read from memory when held and from the read model otherwise,
 * and both agree with the engine's position. Issue 16 wants per-UTC-day aggregates in the read model instead (merged
 * over the period's days), which would replace this function alone.
 */
export function trsReportOf(engine: KpiEngine, cold: ColdSubjects | null, input: Omit<TrsReportInput, 'releaseTargetHours'>): Promise<TrsReport> {
  return trsReport(populationOf(engine, cold, input.period), { ...input, releaseTargetHours: engine.releaseTargetHours });
}

async function* populationOf(engine: KpiEngine, cold: ColdSubjects | null, period: TrsReportInput['period']): AsyncGenerator<Iterable<TrsDeclaration>> {
  yield engine.heldDeclarations();
  if (cold === null) return;
  for await (const page of cold.releasedIn(period.from, period.to, COLD_PAGE_ROWS)) {
    yield page
      .filter(({ subject }) => engine.declarationFacts(subject) === undefined)
      .map(({ subject, facts }) => ({ subject, facts: declarationFactsFromJson(facts) }));
  }
}
