import { LANE_BASES, LANES, REGIMES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type DeclarationFactsView } from '../../declarations/declaration-report.js';

/** A fact known once its event arrived: RFC 3339 UTC, `null` until then. */
const Time = (): PropertyDecorator => ApiProperty({ type: String, format: 'date-time', nullable: true });
const Flag = (): PropertyDecorator => ApiProperty({ type: Boolean, nullable: true, description: 'From the lodgement; `null` without one' });
const OneOf = (values: readonly string[]): PropertyDecorator => ApiProperty({ enum: [...values], nullable: true });

/** The OpenAPI shape of a declaration's facts, named as kpis.md names them; `null` where not known yet. */
@ApiSchema({ name: 'DeclarationFacts' })
export class DeclarationFactsSchema implements DeclarationFactsView {
  @Time() readonly arrivedAt!: string | null;
  @Time() readonly lodgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'From the lodgement, else from the earliest arrival' })
  readonly officeId!: string | null;
  @OneOf(REGIMES) readonly regime!: string | null;
  @ApiProperty({ enum: [...TRANSPORT_MODES], nullable: true, description: 'From the lodgement, else from the earliest arrival' })
  readonly transportMode!: string | null;
  @Flag() readonly aeo!: boolean | null;
  @Flag() readonly electronic!: boolean | null;
  @Flag() readonly preArrival!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'In the reporting currency' })
  readonly customsValue!: number | null;
  @Time() readonly laneAssignedAt!: string | null;
  @OneOf(LANES) readonly initialLane!: string | null;
  @OneOf(LANE_BASES) readonly basis!: string | null;
  @ApiProperty({ enum: [...LANES], nullable: true, description: 'After any reroute' })
  readonly finalLane!: string | null;
  @ApiProperty({ type: Boolean, description: 'Some reroute went from RED or YELLOW to GREEN or BLUE' })
  readonly downgraded!: boolean;
  @Time() readonly examStartedAt!: string | null;
  @Time() readonly examCompletedAt!: string | null;
  @ApiProperty({ type: Boolean, description: 'Some examination found a DISCREPANCY' })
  readonly hit!: boolean;
  @ApiProperty({ type: Boolean, description: 'Some DeclarationRejected exists' })
  readonly rejected!: boolean;
  @Time() readonly releasedAt!: string | null;
  @Time() readonly cancelledAt!: string | null;
}
