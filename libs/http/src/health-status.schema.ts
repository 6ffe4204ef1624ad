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

/** The OpenAPI shape of `GET /health/ready`. */
@ApiSchema({
  name: 'Readiness',
  description: "Besides `status` and `store`, one member per readiness check of the app (e.g. `kpiProjection`), with that check's status",
})
export class ReadinessSchema extends LivenessSchema {
  @ApiProperty({ type: () => StoreHeadSchema })
  readonly store!: StoreHeadSchema;
}
