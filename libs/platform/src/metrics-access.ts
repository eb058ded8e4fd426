import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { RELAXED_ENVIRONMENTS, type AppConfig } from '#libs/config';

/**
 * /metrics names queues, error counts and timings. With METRICS_TOKEN set, it takes
 * `Authorization: Bearer <METRICS_TOKEN>`; without one it is open in development and tests only,
 * and refused (403) elsewhere rather than served to anyone.
 */
export function checkMetricsAccess(config: Pick<AppConfig, 'METRICS_TOKEN' | 'NODE_ENV'>, authorization: string | undefined): void {
  if (!config.METRICS_TOKEN) {
    if (RELAXED_ENVIRONMENTS.includes(config.NODE_ENV)) return;
    throw new ForbiddenException('Metrics are off: set METRICS_TOKEN to serve them outside development.');
  }
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(config.METRICS_TOKEN);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedException('Metrics need Authorization: Bearer <METRICS_TOKEN>.');
  }
}
