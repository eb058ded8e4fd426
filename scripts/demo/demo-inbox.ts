import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface InboxEmail {
  at: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A local SMTP server with a web page listing what arrived: the demo's inbox. */
export class DemoInbox {
  private readonly emails: InboxEmail[] = [];
  private smtp?: SMTPServer;
  private web?: Server;

  async start(smtpPort: number, webPort: number): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.emails.unshift({
              at: new Date().toISOString(),
              to: session.envelope.rcptTo.map((r) => r.address).join(', '),
              subject: mail.subject ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              text: mail.text ?? '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => this.smtp!.listen(smtpPort, '127.0.0.1', resolve));
    this.web = createServer((request, response) => {
      const match = /^\/(\d+)$/.exec(request.url ?? '');
      if (match && this.emails[Number(match[1])]) {
        const email = this.emails[Number(match[1])];
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(email.html || `<pre>${escapeHtml(email.text)}</pre>`);
        return;
      }
      const rows = this.emails
        .map((e, i) => `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.to)}</td><td><a href="/${i}">${escapeHtml(e.subject)}</a></td></tr>`)
        .join('');
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>salesflow demo inbox</title>
<body style="font-family:system-ui;margin:2rem"><h1>Demo inbox (${this.emails.length})</h1>
<table cellpadding="6"><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table></body>`);
    });
    await new Promise<void>((resolve) => this.web!.listen(webPort, '127.0.0.1', resolve));
  }

  get count(): number {
    return this.emails.length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.smtp?.close(() => resolve()) ?? resolve());
    await new Promise<void>((resolve) => this.web?.close(() => resolve()) ?? resolve());
  }
}
