import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The OpenAPI shape of `GET /health/live`. */
@ApiSchema({ name: 'Liveness' })
export class LivenessSchema {
  @ApiProperty({ enum: ['ok'] })
  readonly status!: 'ok';
}

/** The OpenAPI shape of the event store's part of readiness. */
@ApiSchema({ name: 'StoreHead' })
export class StoreHeadSchema {
  @ApiProperty({ type: 'integer', description: 'The position of the last stored event' })
  readonly position!: number;
}

/** The OpenAPI shape of the KPI projection's part of readiness (libs/kpi's `KpiProjectionStatus`). */
@ApiSchema({ name: 'KpiProjectionReadiness', description: 'The KPI projection: ready once caught up, and then while it reads and commits and lags at most `maxLagSeconds`' })
export class KpiProjectionReadinessSchema {
  @ApiProperty({ description: 'Caught up, not failing, and lagging at most `maxLagSeconds`' })
  readonly ready!: boolean;

  @ApiProperty({ type: 'integer', description: 'The log position queries answer from (the last event applied)' })
  readonly position!: number;

  @ApiProperty({
    type: 'integer',
    description: "The log position whose effect is stored (the read model's checkpoint): at `position`, every effect of the events applied is in the answers",
  })
  readonly committedPosition!: number;

  @ApiProperty({ description: 'Whether the projection has caught up with the log as it was at its start' })
  readonly caughtUp!: boolean;

  @ApiProperty({ description: 'Whether its last read of the log or read model commit failed (it retries); `error` says why' })
  readonly failing!: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Failed reads and commits in a row; 0 while it works' })
  readonly consecutiveFailures!: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    minimum: 0,
    description: 'Seconds the oldest stored event not yet applied has waited since it was stored; 0 when caught up, null when the store cannot be read',
  })
  readonly lagSeconds!: number | null;

  @ApiProperty({ type: 'number', minimum: 0, description: 'The greatest lag still ready (`READY_MAX_LAG_SECONDS`)' })
  readonly maxLagSeconds!: number;

  @ApiProperty({ description: 'Whether its read model did not load and is being rebuilt into a fresh generation (KPI queries answer 503 meanwhile); `error` says why' })
  readonly restoring!: boolean;

  @ApiProperty({ required: false, description: 'Why it is failing, is being rebuilt, or why the lag could not be read' })
  readonly error?: string;
}

/** The OpenAPI shape of the alert judge's part of readiness (libs/alerts' `AlertRulesStatus`). */
@ApiSchema({ name: 'AlertRulesReadiness', description: 'The alert judge (standalone app and projector): not ready while judging a batch fails' })
export class AlertRulesReadinessSchema {
  @ApiProperty()
  readonly ready!: boolean;

  @ApiProperty({ description: 'Whether its last attempt to judge a batch failed; `error` says why' })
  readonly failing!: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Failed attempts in a row; 0 while it works' })
  readonly consecutiveFailures!: number;

  @ApiProperty({ required: false })
  readonly error?: string;
}

/** The OpenAPI shape of the target plan's part of readiness (libs/kpi's `TargetPlanStatus`). */
@ApiSchema({ name: 'TargetsReadiness', description: 'The strategic target plan (standalone app, projector and gateway): not ready until the targets stored before the start are read; the read is retried while the store is out' })
export class TargetsReadinessSchema {
  @ApiProperty({ description: 'Whether the plan has been read' })
  readonly ready!: boolean;

  @ApiProperty({ description: 'Whether the targets stored before this start have been read' })
  readonly loaded!: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Failed reads of the plan in a row; 0 while none failed' })
  readonly consecutiveFailures!: number;

  @ApiProperty({ required: false, description: 'Why the last read failed' })
  readonly error?: string;
}

/** The OpenAPI shape of `GET /health/ready`. */
@ApiSchema({
  name: 'Readiness',
  description: "Besides `status` and `store`, one member per readiness check of the app, with that check's status: `kpiProjection`, `alertRules` and `targets` where the app runs them, `kafkaIngest` where it consumes Kafka",
})
export class ReadinessSchema extends LivenessSchema {
  @ApiProperty({ type: () => StoreHeadSchema })
  readonly store!: StoreHeadSchema;

  @ApiProperty({ type: () => KpiProjectionReadinessSchema, required: false, description: 'Standalone app, projector and gateway' })
  readonly kpiProjection?: KpiProjectionReadinessSchema;

  @ApiProperty({ type: () => AlertRulesReadinessSchema, required: false, description: 'Standalone app and projector: the one alert judge' })
  readonly alertRules?: AlertRulesReadinessSchema;

  @ApiProperty({ type: () => TargetsReadinessSchema, required: false, description: 'Standalone app, projector and gateway: the strategic target plan' })
  readonly targets?: TargetsReadinessSchema;
}
