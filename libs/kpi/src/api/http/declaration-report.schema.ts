import { exhaustiveEnum } from '@customs-pulse/http';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type DeclarationReport } from '../../declarations/declaration-report.js';
import { type TrsMilestone, type TrsSegment } from '../../declarations/trs-segments.js';
import { DeclarationFactsSchema } from './declaration-facts.schema.js';
import { ApiProjectionPosition } from './projection-position.docs.js';

/** In TRS order. */
const TRS_MILESTONES = exhaustiveEnum<TrsMilestone>({
  arrival: true,
  lodgement: true,
  lane_assignment: true,
  examination_start: true,
  examination_end: true,
  release: true,
});

/** The OpenAPI shape of one Time Release Study segment of a declaration. */
@ApiSchema({ name: 'TrsSegment' })
export class TrsSegmentSchema implements TrsSegment {
  @ApiProperty({ enum: TRS_MILESTONES })
  readonly from!: TrsMilestone;

  @ApiProperty({ enum: TRS_MILESTONES })
  readonly to!: TrsMilestone;

  @ApiProperty({ type: Number, description: '`to` minus `from` in hours; negative when the later milestone came first (pre-arrival lodgement)' })
  readonly hours!: number;
}

/** The OpenAPI shape of `GET /api/declarations/:id`. */
@ApiSchema({ name: 'DeclarationReport' })
export class DeclarationReportSchema implements DeclarationReport {
  @ApiProperty({ type: String, example: 'D-2026-000123' })
  readonly id!: string;

  @ApiProperty({ type: () => DeclarationFactsSchema })
  readonly facts!: DeclarationFactsSchema;

  @ApiProperty({
    type: () => [TrsSegmentSchema],
    description: 'From each known milestone to the next known one in TRS order, then arrival to release and lodgement to release',
  })
  readonly segments!: readonly TrsSegmentSchema[];

  @ApiProjectionPosition()
  readonly position!: number;
}
