import { type KpiEngine } from '../engine/kpi-engine.js';
import { type TrsReport, type TrsReportInput, trsReport } from './trs-report.js';

/**
 * The TRS report from what an engine holds: the one place that decides where the report's population comes from.
 * Today a scan of every declaration the engine holds, keeping those released in the period; issue 16 wants per-UTC-day
 * aggregates in the read model instead (merged over the period's days), which would replace this function alone.
 */
export function trsReportOf(engine: KpiEngine, input: Omit<TrsReportInput, 'releaseTargetHours'>): TrsReport {
  const { from, to } = input.period;
  return trsReport(engine.releasedBetween(from, to), { ...input, releaseTargetHours: engine.releaseTargetHours });
}
