import { INGEST_QUALITY_TALLY, type IngestQualitySummary, type IngestQualityTally } from '@customs-pulse/ingest';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type QualityCountersJson } from '../../engine/quality-counters.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';

/** `GET /api/quality` (api.md): what ingest turned away, and what the KPIs left out. */
export interface DataQuality extends IngestQualitySummary {
  /** Negative durations left out, per KPI (kpis.md: never clamped); KPIs with none are absent. */
  readonly negativeDurations: QualityCountersJson;
  /** The store position the projection had applied when it answered. */
  readonly position: number;
}

/**
 * The data-quality counters. With `asOf` the negative durations are those of the events stored by then; the ingest
 * tally has no history, so it is always today's.
 */
export class GetQualityQuery extends Query<DataQuality> {
  constructor(readonly asOf: Date | undefined) {
    super();
  }
}

@QueryHandler(GetQualityQuery)
export class GetQualityHandler implements IQueryHandler<GetQualityQuery, DataQuality> {
  constructor(
    @Inject(KpiAnswers) private readonly answers: KpiAnswers,
    @Inject(INGEST_QUALITY_TALLY) private readonly tally: IngestQualityTally,
  ) {}

  async execute({ asOf }: GetQualityQuery): Promise<DataQuality> {
    const ingest = await this.tally.read();
    return this.answers.answer(asOf, (engine, { position }) => ({ ...ingest, negativeDurations: engine.qualityCounters(), position }));
  }
}
