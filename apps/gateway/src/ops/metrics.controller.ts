import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/roles.decorator.js';

let defaultsCollected = false;

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor() {
    // Default metrics register once per process, however many apps it hosts.
    if (!defaultsCollected) {
      collectDefaultMetrics();
      defaultsCollected = true;
    }
  }

  @Get()
  @Public('Prometheus metrics')
  @ApiOkResponse({ description: 'The Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
