import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LivenessSchema, ReadinessSchema } from './health-status.schema.js';
import { ApiProblemResponses } from './openapi/api-problem-responses.decorator.js';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check.js';

/** The readiness answer: the store's head and each check's status by name. */
export interface Readiness {
  readonly status: 'ok';
  readonly store: { readonly position: number };
  readonly [name: string]: unknown;
}

/** Liveness and readiness probes (api.md); public. */
@Controller('health')
@ApiTags('Health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[] = [],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness probe', description: 'Public. The process answers HTTP.' })
  @ApiOkResponse({ type: LivenessSchema, description: 'Alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers and every readiness check is ready. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe', description: 'Public. Ready when the event store answers and every readiness check (bus, projections caught up) is ready.' })
  @ApiOkResponse({ type: ReadinessSchema, description: 'Ready, with the store head and each check\'s status' })
  @ApiProblemResponses({ 503: 'The event store does not answer, or a check is not ready yet; `detail` names them with their status' })
  async ready(): Promise<Readiness> {
    let position: number;
    try {
      position = (await this.store.head()).position;
    } catch (error) {
      throw new ServiceUnavailableException(`the event store does not answer: ${(error as Error).message}`);
    }
    const statuses = Object.fromEntries(await Promise.all(this.checks.map(async (check) => [check.name, await check.check()] as const)));
    const waiting = Object.entries(statuses).filter(([, status]) => !status.ready).map(([name]) => name);
    if (waiting.length > 0) throw new ServiceUnavailableException(`not ready yet: ${waiting.join(', ')} (${JSON.stringify(statuses)})`);
    return { status: 'ok', store: { position }, ...statuses };
  }
}
