import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import type { ListRiskAlertsQuery, SnoozeInput } from './risk-alert-input.js';
import { RiskAlertsService } from './risk-alerts.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class RiskAlertsHandlers {
  constructor(private readonly alerts: RiskAlertsService) {}

  @MessagePattern(PATTERNS.followUp.riskAlertList)
  list(@Payload() { caller, body }: RpcRequest<ListRiskAlertsQuery>) {
    return this.alerts.list(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.riskAlertAcknowledge)
  acknowledge(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string }>) {
    return this.alerts.acknowledge(caller, body.id, correlationId);
  }

  @MessagePattern(PATTERNS.followUp.riskAlertSnooze)
  snooze(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; snooze: Partial<SnoozeInput> }>) {
    return this.alerts.snooze(caller, body.id, body.snooze, correlationId);
  }
}
