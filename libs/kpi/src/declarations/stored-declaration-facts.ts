import { type DeclarationFacts } from '../engine/declaration-facts.js';
import { declarationFactsFromJson } from '../engine/facts-json.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type ColdSubjects } from '../read-model/read-model.port.js';

/**
 * A declaration's facts as the engine knows them: from memory when it holds them, else from the read model, where a
 * bounded engine's cold declarations live (README, "Hot and cold state"); `undefined` when no event of it was applied.
 * It needs no hold on the engine (`KpiAnswers.answerAcrossTurns`), which would keep the projector waiting.
 */
export async function storedDeclarationFacts(engine: KpiEngine, cold: ColdSubjects | null, subject: string): Promise<Readonly<DeclarationFacts> | undefined> {
  const held = engine.declarationFacts(subject);
  if (held !== undefined || cold === null) return held;
  const [stored] = (await cold.subjects({ declarations: [subject], cases: [] })).declarations;
  // No hold is taken for one declaration: if an event brought it back meanwhile, the engine's facts are the later.
  return engine.declarationFacts(subject) ?? (stored === undefined ? undefined : declarationFactsFromJson(stored.facts));
}
