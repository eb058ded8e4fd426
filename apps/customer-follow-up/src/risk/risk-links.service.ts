import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, type Tx } from '#libs/database';
import { readRiskLinkToken, type RiskLinkAction, type RiskLinkGrant } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { GoneError, NotFoundError } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { RiskAlertView } from './risk-alert-view.js';
import { RiskAlertsRepository } from './risk-alerts.repository.js';
import { RiskAlertsService } from './risk-alerts.service.js';
import { RISK_LINK_SNOOZE_DAYS } from './risk-digest.rules.js';
import { RiskDigestRepository } from './risk-digest.repository.js';

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
 * transaction (a refusal leaves it usable). A link is a signed grant (libs/notifications/src/risk-link.ts);
 * not one we signed: 404; used or expired: 410.
 */
@Injectable()
export class RiskLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly links: RiskDigestRepository,
    private readonly alerts: RiskAlertsService,
    private readonly alertRows: RiskAlertsRepository,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<RiskLinkView> {
    const db = this.database.db;
    const link = this.grantOf(token);
    if (await this.links.linkUsed(db, link)) throw usedError();
    const alert = await this.alertRows.findById(db, link.alertId);
    if (!alert) throw notNamedError();
    const reader = await this.readerOf(db, link);
    return {
      action: link.action, expiresAt: link.expiresAt.toISOString(), snoozeDays: RISK_LINK_SNOOZE_DAYS,
      alert: { id: alert.id, type: alert.type, rule: alert.rule, severity: alert.severity, status: alert.status }, reader: { name: reader.name, locale: reader.locale },
    };
  }

  async use(token: string, input: { until?: string; reason?: string }, correlationId: string): Promise<RiskAlertView> {
    return this.database.transaction(async (tx) => {
      const link = this.grantOf(token);
      const now = this.clock.now();
      if (!(await this.links.useLink(tx, link, now))) throw usedError();
      // The alert is read (and refused when missing) by acknowledge and snooze themselves.
      const reader = await this.readerOf(tx, link);
      const caller = { id: reader.id, email: reader.email, name: reader.name, role: reader.role };
      return link.action === 'acknowledge'
        ? await this.alerts.acknowledge(caller, link.alertId, correlationId, tx)
        : await this.alerts.snooze(caller, link.alertId, {
          until: input.until ?? new Date(now.getTime() + RISK_LINK_SNOOZE_DAYS * DAY_MS).toISOString(),
          reason: input.reason ?? `Snoozed for ${RISK_LINK_SNOOZE_DAYS} days from the daily risk digest.`,
        }, correlationId, tx);
    });
  }

  /** The grant a token carries, while it lasts. */
  private grantOf(token: string): RiskLinkGrant {
    const link = readRiskLinkToken(this.config.LINK_SECRET, token);
    if (!link) throw new NotFoundError('This link is not valid.');
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) throw new GoneError('This link has expired.');
    return link;
  }

  /** The manager the link was sent to. */
  private async readerOf(tx: Tx, link: RiskLinkGrant) {
    const reader = await this.directory.findById(link.employeeId, tx);
    if (!reader) throw notNamedError();
    return reader;
  }
}

function notNamedError(): NotFoundError {
  return new NotFoundError('This link does not name a risk alert.');
}

function usedError(): GoneError {
  return new GoneError('This link was used already: each digest link works once.');
}
