import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { renderEmail, normalizeLocale, type EmailKind, type EmailDataByKind, type RiskDigestLinkGrant } from '#libs/mail';
import { actionTokenFor, actionUrl, peerReviewTokenFor, peerReviewUrl, riskLinkTokenFor, riskLinkUrl, signInTokenFor, signInUrl, surveyTokenFor, surveyUrl, type RiskLinkAction } from '#libs/notifications';
import type { OutgoingEmail } from './mail-transport.js';
import type { Notification } from './sending.repository.js';

/** What a ledger row says and to whom: rendered in the recipient's locale, with its links and fixed Message-ID. */
@Injectable()
export class SendingMailer {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  compose(row: Notification): OutgoingEmail {
    const rendered = renderEmail(row.kind as EmailKind, normalizeLocale(row.locale), this.withLinks(row.data) as unknown as EmailDataByKind[EmailKind]);
    return {
      to: row.recipientEmail,
      ...rendered,
      messageId: row.messageId,
      headers: {
        'X-Salesflow-Idempotency-Key': row.idempotencyKey,
        ...(row.correlationId ? { 'X-Correlation-ID': row.correlationId } : {}),
      },
    };
  }

  /** Links are derived at render time from the token id, so no raw token is ever stored. */
  private withLinks(data: unknown): object {
    const snapshot = data as Record<string, unknown>;
    if (typeof snapshot.surveyTokenId === 'string') {
      const { surveyTokenId, ...rest } = snapshot;
      return { ...rest, surveyUrl: surveyUrl(this.config.PUBLIC_BASE_URL, surveyTokenFor(this.config.LINK_SECRET, surveyTokenId)) };
    }
    if (typeof snapshot.peerReviewTokenId === 'string') {
      const { peerReviewTokenId, ...rest } = snapshot;
      return { ...rest, peerReviewUrl: peerReviewUrl(this.config.PUBLIC_BASE_URL, peerReviewTokenFor(this.config.LINK_SECRET, peerReviewTokenId)) };
    }
    if (Array.isArray(snapshot.alerts) && isLinkGrant(snapshot.links)) {
      const { links, alerts, ...rest } = snapshot;
      return { ...rest, alerts: alerts.map((alert: Record<string, unknown>) => this.withRiskLinks(alert, links, rest.localDate as string)) };
    }
    if (typeof snapshot.signInTokenId === 'string') {
      const { signInTokenId, ...rest } = snapshot;
      return { ...rest, signInUrl: signInUrl(this.config.PUBLIC_BASE_URL, signInTokenFor(this.config.LINK_SECRET, signInTokenId)) };
    }
    if (typeof snapshot.actionTokenId !== 'string') return snapshot;
    const { actionTokenId, ...rest } = snapshot;
    return { ...rest, actionUrl: actionUrl(this.config.PUBLIC_BASE_URL, actionTokenFor(this.config.LINK_SECRET, actionTokenId)) };
  }

  /** A risk digest's alert: its acknowledge and snooze links, signed grants for the reader. */
  private withRiskLinks(alert: Record<string, unknown>, links: RiskDigestLinkGrant, localDate: string): object {
    const url = (action: RiskLinkAction) => riskLinkUrl(this.config.PUBLIC_BASE_URL, riskLinkTokenFor(this.config.LINK_SECRET, {
      alertId: alert.alertId as string, employeeId: links.employeeId, action, localDate, expiresAt: new Date(links.expiresAt),
    }));
    return { ...alert, acknowledgeUrl: url('acknowledge'), snoozeUrl: url('snooze') };
  }
}

function isLinkGrant(value: unknown): value is RiskDigestLinkGrant {
  return typeof value === 'object' && value !== null && typeof (value as RiskDigestLinkGrant).employeeId === 'string' && typeof (value as RiskDigestLinkGrant).expiresAt === 'string';
}
