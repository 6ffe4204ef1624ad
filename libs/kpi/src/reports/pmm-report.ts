import { KPI_CATALOGUE, KPI_DIMENSIONS, type KpiDimension, type KpiId } from '@customs-pulse/domain';
import { EventLoopTurns } from '@customs-pulse/event-store';

import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiValue } from '../engine/kpi-readers.js';
import { overDaysOf, readingEachLineOnce } from '../projection/cold-bucket-reads.js';
import { type ColdBuckets } from '../read-model/read-model.port.js';
import { KPI_DEFINITION_TEXTS } from './kpi-definition-texts.js';
import { type ReportPeriod, periodJson } from './report-period.js';

/** One KPI of the PMM report: its catalogue entry, its value in total and per office. */
export interface PmmKpi {
  readonly kpiId: KpiId;
  readonly name: string;
  readonly unit: string;
  readonly direction: string;
  readonly definition: string;
  readonly total: KpiValue;
  readonly offices: readonly ({ readonly office: string } & KpiValue)[];
}

/** `GET /api/reports/pmm` (targets-and-reports.md, "Shapes"). */
export interface PmmReport {
  readonly period: { readonly from: string; readonly to: string };
  readonly asOf?: string;
  readonly position: number;
  readonly dimensions: readonly { readonly dimension: KpiDimension; readonly kpis: readonly PmmKpi[] }[];
}

/** What a PMM report is taken over. */
export interface PmmReportInput {
  readonly period: ReportPeriod;
  readonly position: number;
  readonly asOf?: string;
}

/**
 * Every KPI of the catalogue under its PMM dimension, in kpis.md's order, each the engine's value over the period's
 * days merged exactly (`KpiEngine.overDays`; `backlog` at the period's end), the days it let go of read from `cold`,
 * each line once. The offices are those with at least one observation (`n` > 0) in some KPI over the period, in
 * code-unit order, the same list under every KPI. It gives the event loop a turn every slice between two values
 * (architecture.md, guarantee 7): the engine must not change until it settles.
 */
export async function pmmReport(engine: KpiEngine, cold: ColdBuckets | null, input: PmmReportInput): Promise<PmmReport> {
  const from = new Date(input.period.from).toISOString();
  const to = new Date(input.period.to).toISOString();
  const turns = new EventLoopTurns();
  // KPIs of one measure read the same line: each is read once, not once per KPI
  const read = overDaysOf(engine, cold === null ? null : readingEachLineOnce(cold));
  const valuesOf = async (filters: { office?: string }): Promise<Map<KpiId, KpiValue>> => {
    const values = new Map<KpiId, KpiValue>();
    for (const { id } of KPI_CATALOGUE) {
      if (turns.due) await turns.give();
      values.set(id, await read(id, from, to, filters));
    }
    return values;
  };
  const totals = await valuesOf({});
  const perOffice = new Map<string, Map<KpiId, KpiValue>>();
  for (const office of engine.offices()) {
    const values = await valuesOf({ office });
    if ([...values.values()].some(({ n }) => n > 0)) perOffice.set(office, values);
  }
  const kpi = (id: KpiId): PmmKpi => {
    const definition = KPI_CATALOGUE.find((entry) => entry.id === id)!;
    return {
      kpiId: id,
      name: definition.name,
      unit: definition.unit,
      direction: definition.direction,
      definition: KPI_DEFINITION_TEXTS[id],
      total: totals.get(id)!,
      offices: [...perOffice].map(([office, values]) => ({ office, ...values.get(id)! })),
    };
  };
  return {
    period: periodJson(input.period),
    ...(input.asOf === undefined ? {} : { asOf: input.asOf }),
    position: input.position,
    dimensions: KPI_DIMENSIONS.map((dimension) => ({
      dimension,
      kpis: KPI_CATALOGUE.filter((entry) => entry.dimension === dimension).map(({ id }) => kpi(id)),
    })),
  };
}
