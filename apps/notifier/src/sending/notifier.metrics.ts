import { Injectable } from '@nestjs/common';
import { Counter, register } from 'prom-client';

function counter(name: string, help: string): Counter<'kind'> {
  // Several apps share one registry in all-in-one mode (and tests start many): reuse the metric.
  const existing = register.getSingleMetric(name);
  return (existing as Counter<'kind'>) ?? new Counter({ name, help, labelNames: ['kind'] });
}

@Injectable()
export class NotifierMetrics {
  readonly sent = counter('salesflow_emails_sent_total', 'Emails accepted by the SMTP server.');
  readonly failed = counter('salesflow_email_send_failures_total', 'Email send attempts that failed.');
}
