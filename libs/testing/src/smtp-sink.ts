import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-for.js';

export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  parsed: ParsedMail;
}

/** The header the notifier puts the ledger's idempotency key in. */
export const IDEMPOTENCY_HEADER = 'x-salesflow-idempotency-key';

/** The email's idempotency key (what makes it distinct, e.g. `training-invitation:<session>:...`); '' when absent. */
export function idempotencyKeyOf(mail: ReceivedEmail): string {
  const value = mail.headers.get(IDEMPOTENCY_HEADER);
  return typeof value === 'string' ? value : '';
}

/**
 * Decides the SMTP answer for one message: undefined accepts it; `'hang'` keeps it (it is in
 * `received`, as a relay that queued it) but never answers the final dot of DATA; `{ acceptAfterMs }`
 * keeps it and answers 250 that much later (a slow relay).
 */
export type SmtpResponder = (message: { to: string[]; subject: string; messageId: string }) => { code: number; message: string } | { acceptAfterMs: number } | 'hang' | undefined;

/** A real SMTP server in-process: the app sends with nodemailer, tests read what arrived. */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private responder: SmtpResponder = () => undefined;
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
            const verdict = this.responder({ to, subject: parsed.subject ?? '', messageId: parsed.messageId ?? '' });
            if (verdict && verdict !== 'hang' && 'code' in verdict) {
              const error = new Error(verdict.message) as Error & { responseCode: number };
              error.responseCode = verdict.code;
              callback(error);
              return;
            }
            this.received.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: parsed.headers as Map<string, unknown>,
              parsed,
            });
            if (verdict === 'hang') return;
            if (verdict) setTimeout(() => callback(), verdict.acceptAfterMs);
            else callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  respondWith(responder: SmtpResponder): void {
    this.responder = responder;
  }

  acceptAll(): void {
    this.responder = () => undefined;
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async waitForEmail(
    description: string,
    match: (mail: ReceivedEmail) => boolean,
    timeoutMs = 20_000,
  ): Promise<ReceivedEmail> {
    const found = await waitFor(description, () => this.received.find(match), Boolean, { timeoutMs });
    return found!;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
