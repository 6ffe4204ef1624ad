import { RequestProblemSchema } from '@customs-pulse/http';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { type IngestReport, type RejectedEvent } from '../ingest-report.js';

/** The OpenAPI shape of an event that was not stored, and every reason why. */
@ApiSchema({ name: 'RejectedEvent' })
export class RejectedEventSchema implements RejectedEvent {
  @ApiProperty({ type: 'integer', description: 'Its place in the batch, from 0' })
  readonly index!: number;

  @ApiPropertyOptional({ type: String, description: 'Its `id`, where one could be read' })
  readonly id?: string;

  @ApiProperty({ type: () => [RequestProblemSchema], description: 'Each problem, by event field, e.g. `data.lane`' })
  readonly errors!: readonly RequestProblemSchema[];
}

/** The OpenAPI shape of the answer of `POST /api/events`. */
@ApiSchema({ name: 'IngestAnswer' })
export class IngestAnswerSchema implements Omit<IngestReport, 'outcomes'> {
  @ApiProperty({ type: 'integer', description: 'Events newly stored, durably' })
  readonly accepted!: number;

  @ApiProperty({ type: 'integer', description: 'Events already stored with the same content: nothing changed' })
  readonly duplicates!: number;

  @ApiProperty({ type: () => [RejectedEventSchema] })
  readonly rejected!: readonly RejectedEventSchema[];
}
