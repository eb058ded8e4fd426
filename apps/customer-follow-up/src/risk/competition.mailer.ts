import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { CompetitionAlertData } from '#libs/mail';
import { NotificationRequester, type EmailRequest } from '#libs/notifications';
import type { EmployeeRow as Employee } from '../rows.js';
import type { CompetitionFlag } from './competition.rules.js';
import { riskAlertEmailKey } from './risk-alert-record.js';
import type { RiskOccasion } from './risk-delivery.js';

/** One email about one competition alert, to one of the directors responsible for its segment. */
export interface CompetitionAlertEmail {
  alertId: string;
  sendNumber: number;
  flag: CompetitionFlag;
  occasion: RiskOccasion;
  recipient: Employee;
  recipientZone: string;
}

/** What the email shows as "recent / trailing / threshold" for each rule, in the unit its sentence names. */
function measured(flag: CompetitionFlag): Pick<CompetitionAlertData, 'recent' | 'trailing' | 'threshold'> {
  switch (flag.rule) {
    case 'competitor_losses':
    case 'tier_drops':
      return { recent: flag.evidence.recentCount, trailing: flag.evidence.trailingCount, threshold: Math.max(flag.evidence.minimum, Math.ceil(flag.evidence.expected * flag.evidence.factor)) };
    case 'discount_drift':
      return { recent: round2(flag.evidence.recentAverage), trailing: round2(flag.evidence.trailingAverage), threshold: flag.evidence.risePoints };
    case 'director_share':
      return { recent: round2(flag.evidence.recentShare * 100), trailing: round2(flag.evidence.trailingShare * 100), threshold: round2(flag.evidence.threshold * 100) };
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Competition alerts go on the bulk queue: a daily scan's finding about weeks of business, not hours. */
@Injectable()
export class CompetitionAlertMailer {
  constructor(private readonly notifications: NotificationRequester) {}

  async requestAll(tx: Tx, emails: CompetitionAlertEmail[], cooldownDays: number, correlationId: string | null): Promise<void> {
    const requests: EmailRequest<'competition-alert'>[] = emails.map((email) => {
      const { evidence } = email.flag;
      const data: CompetitionAlertData = {
        recipient: { name: email.recipient.name, timezone: email.recipientZone },
        alertId: email.alertId,
        rule: email.flag.rule,
        segment: evidence.segment,
        severity: email.flag.severity,
        occasion: email.occasion,
        cooldownDays,
        windowDays: evidence.windowDays,
        trailingDays: evidence.trailingDays,
        ...measured(email.flag),
        contractIds: 'contractIds' in evidence ? evidence.contractIds : [],
        competitors: 'competitors' in evidence ? evidence.competitors.map(({ name, count }) => ({ name, count })) : [],
        series: 'series' in evidence ? evidence.series : [],
        customers: 'customers' in evidence ? evidence.customers : [],
      };
      return {
        // One email per alert, send and director: several directors may share a segment.
        idempotencyKey: `${riskAlertEmailKey(email.alertId, email.sendNumber)}:${email.recipient.id}`,
        recipient: { id: email.recipient.id, email: email.recipient.email, locale: email.recipient.locale },
        kind: 'competition-alert',
        data,
        correlationId,
        bulk: true,
      };
    });
    for (let i = 0; i < requests.length; i += 500) await this.notifications.requestAll(tx, requests.slice(i, i + 500));
  }
}
