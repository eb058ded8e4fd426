import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';

export const SEND_LEASE_MS = 60_000;

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

/** nodemailer over SMTP_URL. Its timeouts stay well inside the send lease (DESIGN: lease). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transporter = nodemailer.createTransport({
      url: config.SMTP_URL,
      pool: true,
      // Sends beyond the pool queue inside nodemailer for a connection, well within their lease.
      maxConnections: config.SMTP_MAX_CONNECTIONS,
      maxMessages: Infinity,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      ignoreTLS: config.SMTP_URL.startsWith('smtp://'),
    } as TransportOptions);
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      headers: email.headers,
    });
  }

  async verify(): Promise<boolean> {
    return this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/** SMTP 5xx is permanent; 4xx, timeouts and connection errors are worth retrying. */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
