import { type KpiEngine } from '../engine/kpi-engine.js';
import { type TrsReport, type TrsReportInput, trsReport } from './trs-report.js';

/**
 * The TRS report from what an engine holds: the one place that decides where the report's population comes from.
 * Today a scan of every declaration the engine holds, giving the event loop turns (the caller keeps the engine
 * unchanged until it settles: `KpiAnswers.answerAcrossTurns`); issue 16 wants per-UTC-day aggregates in the read model
 * instead (merged over the period's days), which would replace this function alone.
 */
export function trsReportOf(engine: KpiEngine, input: Omit<TrsReportInput, 'releaseTargetHours'>): Promise<TrsReport> {
  return trsReport(engine.heldDeclarations(), { ...input, releaseTargetHours: engine.releaseTargetHours });
}
