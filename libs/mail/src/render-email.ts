import { compiledTemplate } from './compiled-templates.js';
import type { EmailDataByKind, EmailKind } from './email-kinds.js';
import type { Locale } from './locale.js';
import { singleLine, tidyText } from './plain-text.js';
import type { RenderContext } from './render-context.js';
import { emailTemplates } from './templates/email-templates.js';
import { translatorFor } from './translate.js';

/** A file carried by an email; its content is text (a calendar entry). */
export interface EmailAttachment {
  filename: string;
  /** Full media type, parameters included (`text/calendar; charset=utf-8; method=REQUEST`). */
  contentType: string;
  content: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Only for kinds that carry files. */
  attachments?: EmailAttachment[];
}

/** Pure: same input, same output; no I/O, no clock. */
export function renderEmail<K extends EmailKind>(kind: K, locale: Locale, data: EmailDataByKind[K]): RenderedEmail {
  const template = emailTemplates[kind];
  const subject = singleLine(template.subject(data, translatorFor(locale)));
  const renderContext: RenderContext = { locale, timezone: data.recipient.timezone };
  const context = { ...data, subject };
  const html = compiledTemplate(kind, 'html')(context, { data: renderContext });
  const text = tidyText(compiledTemplate(kind, 'text')(context, { data: renderContext }));
  const attachments = template.attachments?.(data);
  return attachments ? { subject, html, text, attachments } : { subject, html, text };
}
