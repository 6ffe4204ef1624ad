import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { prometheusContentType, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry.js';

/** `GET /metrics` (api.md): the app's registry in the Prometheus text format. */
@ApiTags('Health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** Public, like the health probes: a scraper carries no token, and the figures hold no business data. */
  @Get()
  @Header('Content-Type', prometheusContentType)
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Public. Ingest, projection lag and live push figures, and Node.js process metrics (README, "Operations").' })
  @ApiProduces(prometheusContentType)
  @ApiOkResponse({ description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
