import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AcknowledgeRiskAlert, ListRiskAlerts, RiskAlertsEffectiveness, SnoozeRiskAlert, UseRiskLink, ViewRiskLink, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { RiskAlertsService } from './risk-alerts.service.js';
import { RiskRecovery } from './risk-recovery.service.js';
import { RiskLinksService } from './risk-links.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class RiskAlertsHandlers {
  constructor(
    private readonly alerts: RiskAlertsService,
    private readonly recovery: RiskRecovery,
    private readonly links: RiskLinksService,
  ) {}

  @RpcHandler(ViewRiskLink)
  viewLink(@Payload() { body }: RpcRequestOf<typeof ViewRiskLink>) {
    return this.links.view(body.token);
  }

  @RpcHandler(UseRiskLink)
  useLink(@Payload() { correlationId, body }: RpcRequestOf<typeof UseRiskLink>) {
    return this.links.use(body.token, body.snooze, correlationId);
  }

  @RpcHandler(RiskAlertsEffectiveness)
  effectiveness(@Payload() { caller }: RpcRequestOf<typeof RiskAlertsEffectiveness>) {
    return this.recovery.effectiveness(caller);
  }

  @RpcHandler(ListRiskAlerts)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListRiskAlerts>) {
    return this.alerts.list(caller, body);
  }

  @RpcHandler(AcknowledgeRiskAlert)
  acknowledge(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof AcknowledgeRiskAlert>) {
    return this.alerts.acknowledge(caller, body.id, correlationId);
  }

  @RpcHandler(SnoozeRiskAlert)
  snooze(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof SnoozeRiskAlert>) {
    return this.alerts.snooze(caller, body.id, body.snooze, correlationId);
  }
}
