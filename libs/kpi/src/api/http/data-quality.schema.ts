import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type QualityCountersJson } from '../../engine/quality-counters.js';
import { type DataQuality } from '../queries/get-quality.query.js';
import { ApiProjectionPosition } from './projection-position.docs.js';

/** The OpenAPI shape of one rejection reason and how often ingest turned an event away for it. */
@ApiSchema({ name: 'RejectionReasonCount' })
export class RejectionReasonCountSchema {
  @ApiProperty({ type: String, description: '`path: message`, the offending value left out', example: 'data.lane: must be one of GREEN, YELLOW, RED, BLUE' })
  readonly reason!: string;

  @ApiProperty({ type: 'integer' })
  readonly count!: number;
}

/** The OpenAPI shape of the events ingest rejected. */
@ApiSchema({ name: 'RejectedEventCounts' })
export class RejectedEventCountsSchema {
  @ApiProperty({ type: 'integer' })
  readonly total!: number;

  @ApiProperty({ type: () => [RejectionReasonCountSchema], description: 'Most frequent first; past a cap, new reasons count under `other`' })
  readonly byReason!: readonly RejectionReasonCountSchema[];
}

/** The OpenAPI shape of `GET /api/quality`. */
@ApiSchema({ name: 'DataQuality' })
export class DataQualitySchema implements DataQuality {
  @ApiProperty({ type: () => RejectedEventCountsSchema, description: 'Counted by ingest since the tally was created; today\'s even with `asOf`' })
  readonly rejected!: RejectedEventCountsSchema;

  @ApiProperty({ type: 'integer', description: 'Events submitted again with the same content, counted by ingest' })
  readonly duplicates!: number;

  @ApiProperty({
    type: 'object',
    description: 'Negative durations left out, keyed by KPI id (kpis.md: never clamped); KPIs with none are absent',
    additionalProperties: { type: 'integer' },
    example: { release_time_mean: 2 },
  })
  readonly negativeDurations!: QualityCountersJson;

  @ApiProjectionPosition()
  readonly position!: number;
}
