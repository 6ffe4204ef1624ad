import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The OpenAPI shape of a report's period. */
@ApiSchema({ name: 'ReportPeriod' })
export class ReportPeriodSchema {
  @ApiProperty({ type: String, description: 'UTC midnight, inclusive', example: '2025-01-01T00:00:00.000Z' })
  readonly from!: string;

  @ApiProperty({ type: String, description: 'UTC midnight, exclusive', example: '2026-01-01T00:00:00.000Z' })
  readonly to!: string;
}
