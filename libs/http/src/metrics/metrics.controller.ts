import { Controller, Get, Header, Inject } from '@nestjs/common';
import { prometheusContentType, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry.js';

/** `GET /metrics` (api.md): the app's registry in the Prometheus text format. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** Public, like the health probes: a scraper carries no token, and the figures hold no business data. */
  @Get()
  @Header('Content-Type', prometheusContentType)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
