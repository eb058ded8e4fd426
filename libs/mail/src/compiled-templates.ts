import type { TemplateDelegate } from 'handlebars';
import type { EmailKind } from './email-kinds.js';
import { createMailHandlebars, HTML_COMPILE_OPTIONS, TEXT_COMPILE_OPTIONS } from './mail-handlebars.js';
import { emailTemplates } from './templates/email-templates.js';

export type EmailPart = 'html' | 'text';
export type CompiledTemplate = TemplateDelegate<object>;

const hb = createMailHandlebars();
const cache = new Map<`${EmailKind}:${EmailPart}`, CompiledTemplate>();

function wrapped(kind: EmailKind, part: EmailPart): string {
  const body = emailTemplates[kind][part];
  return part === 'html' ? `{{#> layout}}\n${body}{{/layout}}` : `{{#> textLayout}}\n${body}{{/textLayout}}`;
}

/** Compiles each (kind, part) once per process. */
export function compiledTemplate(kind: EmailKind, part: EmailPart): CompiledTemplate {
  const key = `${kind}:${part}` as const;
  let template = cache.get(key);
  if (!template) {
    template = hb.compile<object>(wrapped(kind, part), part === 'html' ? HTML_COMPILE_OPTIONS : TEXT_COMPILE_OPTIONS);
    cache.set(key, template);
  }
  return template;
}
