import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type QualityCountersJson } from '../../engine/quality-counters.js';
import { KpiAnswers } from '../../projection/kpi-answers.js';
import { INGEST_QUALITY_READING, type IngestQuality, type IngestQualityReading } from './ingest-quality-reading.port.js';

/** `GET /api/quality` (api.md): what ingest turned away, and what the KPIs left out. */
export interface DataQuality extends IngestQuality {
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
    @Inject(INGEST_QUALITY_READING) private readonly ingest: IngestQualityReading,
  ) {}

  async execute({ asOf }: GetQualityQuery): Promise<DataQuality> {
    const ingested = await this.ingest.read();
    return this.answers.answer(asOf, (engine, { position }) => ({ ...ingested, negativeDurations: engine.qualityCounters(), position }));
  }
}
