import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DOCS_GATE } from '#libs/platform';
import { TerminusModule } from '@nestjs/terminus';
import { AbuseModule } from './abuse/abuse.module.js';
import { ActionsController } from './actions/actions.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { DocsAccess } from './auth/docs-access.js';
import { DeskModule } from './desk/desk.module.js';
import { ContractsController } from './contracts/contracts.controller.js';
import { PolicyController } from './contracts/policy.controller.js';
import { ServiceClientModule } from './http/service-client.module.js';
import { HealthController } from './ops/health.controller.js';
import { MetricsController } from './ops/metrics.controller.js';
import { NotificationsController } from './ops/notifications.controller.js';
import { FollowUpGatewayModule } from './follow-up/follow-up-gateway.module.js';
import { OrgController } from './org/org.controller.js';
import { TrainingGatewayModule } from './training/training-gateway.module.js';
import { AppraisalGatewayModule } from './appraisal/appraisal-gateway.module.js';
import { CommissionsGatewayModule } from './commissions/commissions-gateway.module.js';
import { OperatorsModule } from './ops/operators.module.js';
import { SignInModule } from './sign-in/sign-in.module.js';

/** The HTTP API: authentication, permission checks, the email-link pages; the rest goes over NATS. */
@Module({
  imports: [TerminusModule, ServiceClientModule, FollowUpGatewayModule, TrainingGatewayModule, AppraisalGatewayModule, CommissionsGatewayModule, AbuseModule, OperatorsModule, SignInModule, DeskModule],
  controllers: [OrgController, ContractsController, PolicyController, ActionsController, NotificationsController, HealthController, MetricsController],
  // The guard is also a provider of its own so the operators' pages (Bull Board) can ask it.
  providers: [AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }, DocsAccess, { provide: DOCS_GATE, useExisting: DocsAccess }],
})
export class GatewayModule {}
