import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';

/** Liveness and readiness probes (api.md); public. */
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; store: { position: number } }> {
    try {
      const head = await this.store.head();
      return { status: 'ok', store: { position: head.position } };
    } catch (error) {
      throw new ServiceUnavailableException(`the event store does not answer: ${(error as Error).message}`);
    }
  }
}
