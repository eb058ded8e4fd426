import type { EmailDataByKind, EmailKind } from './email-kinds.js';
import type { Translator } from './translate.js';
import type { EmailAttachment } from './render-email.js';

/** One email kind: a subject built in code (it is a header, not markup) and Handlebars bodies. */
export interface EmailTemplate<K extends EmailKind> {
  subject(data: EmailDataByKind[K], t: Translator): string;
  /** Rendered inside `{{#> layout}}`; escaped. */
  html: string;
  /** Rendered inside `{{#> textLayout}}`; compiled without escaping. */
  text: string;
  /** Files to attach, built from the snapshot at render time (a calendar entry). */
  attachments?(data: EmailDataByKind[K]): EmailAttachment[];
}
