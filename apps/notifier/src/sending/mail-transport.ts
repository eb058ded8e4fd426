import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type MimeNode from 'nodemailer/lib/mime-node';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { EmailAttachment } from '#libs/mail';
import { buildRawMessage } from './raw-message.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  /** Files rendered from the snapshot (a training invitation's .ics). */
  attachments?: EmailAttachment[];
}

/** nodemailer over SMTP_URL. A send in flight keeps its lease renewed (LeaseHeartbeat), however long nodemailer takes. */
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
      socketTimeout: config.SMTP_SOCKET_TIMEOUT,
      ignoreTLS: config.SMTP_URL.startsWith('smtp://'),
    } as TransportOptions);
  }

  /**
   * The message is built in memory and handed over whole: sent as one buffer it takes 5 socket
   * writes instead of 13 streamed chunks, and built synchronously it skips nodemailer's stream
   * pipeline per MIME part (raw-message.ts). Both measurably raise the notifier's rate
   * (docs/engineering-notes.md, "Throughput lessons").
   */
  async send(email: OutgoingEmail): Promise<void> {
    const message = composeMessage(this.config.MAIL_FROM, email);
    // The Message-ID is passed again so nodemailer does not generate one (five random reads) for
    // its wrapper around the raw bytes, which carry ours already.
    await this.transporter.sendMail({ envelope: message.getEnvelope(), raw: buildRawMessage(message), messageId: email.messageId });
  }

  async verify(): Promise<boolean> {
    return this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/**
 * The MIME tree of one email: HTML with its plain-text alternative. Text parts are base64: left to
 * choose, nodemailer scans every part to pick between quoted-printable and base64, and the
 * base64 encoder is native code while quoted-printable is JavaScript.
 */
export function composeMessage(from: string, email: OutgoingEmail): MimeNode {
  return new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    messageId: email.messageId,
    headers: email.headers,
    textEncoding: 'base64',
    // Base64 like the text parts (raw-message.ts encodes Buffer or string content only).
    ...(email.attachments?.length
      ? { attachments: email.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content, contentTransferEncoding: 'base64' as const })) }
      : {}),
  }).compile();
}
