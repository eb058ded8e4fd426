import { checkMetricsAccess } from '#libs/platform';
import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Public } from '../auth/roles.decorator.js';

let defaultsCollected = false;

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Default metrics register once per process, however many apps it hosts.
    if (!defaultsCollected) {
      collectDefaultMetrics();
      defaultsCollected = true;
    }
  }

  @Get()
  @Public('Prometheus metrics (Authorization: Bearer <METRICS_TOKEN> when METRICS_TOKEN is set)')
  @ApiOkResponse({ description: 'The Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Content-Type', register.contentType)
  metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    checkMetricsAccess(this.config, authorization);
    return register.metrics();
  }
}
