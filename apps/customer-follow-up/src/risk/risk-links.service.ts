import { Injectable } from '@nestjs/common';
import { Database } from '#libs/database';
import { hashRiskLinkToken } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { GoneError, NotFoundError } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { RiskAlertView } from './risk-alert-view.js';
import { RiskAlertsRepository } from './risk-alerts.repository.js';
import { RiskAlertsService } from './risk-alerts.service.js';
import { RISK_LINK_SNOOZE_DAYS, type RiskLinkAction } from './risk-digest.rules.js';
import { RiskDigestRepository, type RiskLinkRow } from './risk-digest.repository.js';

export interface RiskLinkView {
  action: RiskLinkAction;
  expiresAt: string;
  snoozeDays: number;
  alert: { id: string; type: string; rule: string; severity: number; status: string };
  reader: { name: string; locale: string };
}

const DAY_MS = 24 * 3600_000;

/**
 * The risk digest's single-use links (acknowledge, snooze for RISK_LINK_SNOOZE_DAYS unless the
 * form names a date). GET changes nothing; POST acts as the manager the link was issued to, with
 * the same checks as POST /risk-alerts/:id/acknowledge and /snooze, and uses the link in the same
 * transaction (a refusal leaves it usable). Unknown: 404; used or expired: 410.
 */
@Injectable()
export class RiskLinksService {
  constructor(
    private readonly database: Database,
    private readonly links: RiskDigestRepository,
    private readonly alerts: RiskAlertsService,
    private readonly alertRows: RiskAlertsRepository,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<RiskLinkView> {
    const db = this.database.db;
    const link = this.usable(await this.links.linkByHash(db, hashRiskLinkToken(token), false));
    const alert = await this.alertRows.findById(db, link.alertId);
    const reader = await this.directory.findById(link.employeeId, db);
    if (!alert || !reader) throw new NotFoundError('This link does not name a risk alert.');
    return {
      action: link.action as RiskLinkAction, expiresAt: link.expiresAt.toISOString(), snoozeDays: RISK_LINK_SNOOZE_DAYS,
      alert: { id: alert.id, type: alert.type, rule: alert.rule, severity: alert.severity, status: alert.status }, reader: { name: reader.name, locale: reader.locale },
    };
  }

  async use(token: string, input: { until?: string; reason?: string }, correlationId: string): Promise<RiskAlertView> {
    return this.database.transaction(async (tx) => {
      const link = this.usable(await this.links.linkByHash(tx, hashRiskLinkToken(token), true));
      const reader = await this.directory.findById(link.employeeId, tx);
      if (!reader) throw new NotFoundError('This link does not name a risk alert.');
      const caller = { id: reader.id, email: reader.email, name: reader.name, role: reader.role };
      const now = this.clock.now();
      const view = link.action === 'acknowledge'
        ? await this.alerts.acknowledge(caller, link.alertId, correlationId, tx)
        : await this.alerts.snooze(caller, link.alertId, {
          until: input.until ?? new Date(now.getTime() + RISK_LINK_SNOOZE_DAYS * DAY_MS).toISOString(),
          reason: input.reason ?? `Snoozed for ${RISK_LINK_SNOOZE_DAYS} days from the daily risk digest.`,
        }, correlationId, tx);
      await this.links.useLink(tx, link.id, now);
      return view;
    });
  }

  private usable(link: RiskLinkRow | null): RiskLinkRow {
    if (!link) throw new NotFoundError('This link is not valid.');
    if (link.usedAt) throw new GoneError('This link was used already: each digest link works once.');
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) throw new GoneError('This link has expired.');
    return link;
  }
}
