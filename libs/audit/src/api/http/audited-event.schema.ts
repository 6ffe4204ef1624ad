import { type EventExtensions } from '@customs-pulse/event-store';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type AuditedEvent } from '../queries/get-stream-history.query.js';

/** The OpenAPI shape of a stored event with everything its hash-chain link covers, as an auditor reads it. */
@ApiSchema({ name: 'AuditedEvent' })
export class AuditedEventSchema implements AuditedEvent {
  @ApiProperty({ type: 'integer', description: 'Its place in the global log, from 1' })
  readonly position!: number;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the store committed it; never decreases along the log' })
  readonly recordedAt!: string;

  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', description: "sha256 (hex) of the previous event's hash and this event's canonical bytes" })
  readonly hash!: string;

  @ApiProperty({ type: String, description: 'The stream it is filed in: its subject' })
  readonly stream!: string;

  @ApiProperty({ type: 'integer', description: 'Its place in the stream, from 0' })
  readonly revision!: number;

  @ApiProperty({ type: String })
  readonly id!: string;

  @ApiProperty({ type: String })
  readonly source!: string;

  @ApiProperty({ type: String, example: 'GoodsReleased' })
  readonly type!: string;

  @ApiProperty({ type: String })
  readonly subject!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'Event time, UTC' })
  readonly time!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  readonly data!: Readonly<Record<string, unknown>>;

  @ApiProperty({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'CloudEvents extension attributes' })
  readonly extensions!: EventExtensions;
}
