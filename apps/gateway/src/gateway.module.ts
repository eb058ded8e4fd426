import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ActionsController } from './actions/actions.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { ContractsController } from './contracts/contracts.controller.js';
import { PolicyController } from './contracts/policy.controller.js';
import { ServiceClient } from './http/service-client.js';
import { HealthController } from './ops/health.controller.js';
import { MetricsController } from './ops/metrics.controller.js';
import { NotificationsController } from './ops/notifications.controller.js';
import { OrgController } from './org/org.controller.js';

/** The HTTP API: authentication, permission checks, the email-link pages; the rest goes over NATS. */
@Module({
  imports: [TerminusModule],
  controllers: [OrgController, ContractsController, PolicyController, ActionsController, NotificationsController, HealthController, MetricsController],
  providers: [ServiceClient, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class GatewayModule {}
