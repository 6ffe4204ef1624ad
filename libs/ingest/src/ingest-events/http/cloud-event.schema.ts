import { MAX_BATCH_EVENTS, PRODUCER_EVENT_TYPES } from '@customs-pulse/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';

/** The OpenAPI shape of one event as a producer submits it (events.md): CloudEvents 1.0, structured JSON mode. */
@ApiSchema({
  name: 'CloudEvent',
  description:
    'At most 64 KiB. `(source, id)` is the idempotency key. Any other attribute must be a CloudEvents extension ' +
    'attribute (1 to 20 lower-case letters or digits; a string, number or boolean), kept as metadata.',
})
export class CloudEventSchema {
  @ApiProperty({ enum: ['1.0'] })
  readonly specversion!: '1.0';

  @ApiProperty({ type: String, minLength: 1, maxLength: 128, example: 'asycuda-000042' })
  readonly id!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 256, description: 'The producing system', example: 'urn:customs:uz:asycuda' })
  readonly source!: string;

  @ApiProperty({ enum: [...PRODUCER_EVENT_TYPES], description: 'The system-written types (`Alert*`, `KpiThresholdChanged`, `TargetSet`, `TargetRetired`) are rejected' })
  readonly type!: string;

  @ApiProperty({
    type: String,
    pattern: '^[A-Za-z0-9._:/-]{1,128}$',
    description: 'The aggregate id: the declaration id for clearance events, the case or audit id for enforcement events',
    example: 'D-2026-000123',
  })
  readonly subject!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When it happened, with an offset; at most 5 minutes ahead of the server clock' })
  readonly time!: string;

  @ApiPropertyOptional({ enum: ['application/json'] })
  readonly datacontenttype?: 'application/json';

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields of its `type` (events.md); unknown fields are rejected' })
  readonly data!: Readonly<Record<string, unknown>>;
}

/** The body of `POST /api/events`: one CloudEvent, or a non-empty array of at most {@link MAX_BATCH_EVENTS}. */
export const ApiCloudEventsBody = (): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(CloudEventSchema),
    ApiBody({
      required: true,
      description: `One CloudEvent or an array of 1 to ${MAX_BATCH_EVENTS}; at most 5 MiB. An item that is not an object, or over 64 KiB, is a rejected item of the answer.`,
      schema: {
        oneOf: [
          { $ref: getSchemaPath(CloudEventSchema) },
          { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: { $ref: getSchemaPath(CloudEventSchema) } },
        ],
      },
    }),
  );
