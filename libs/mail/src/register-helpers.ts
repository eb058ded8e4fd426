import type Handlebars from 'handlebars';
import { formatInstant } from './format-instant.js';
import { formatMoney } from './format-money.js';
import { formatPercent } from './format-percent.js';
import { parseHelperCall } from './render-context.js';
import { isMessageKey, translate, type MessageKey, type MessageParams } from './translate.js';

type HandlebarsInstance = typeof Handlebars;

function text(value: unknown, helper: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`Helper "${helper}" expected a string, got ${value === null ? 'null' : typeof value}`);
}

function messageParams(hash: Record<string, unknown>): MessageParams {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(hash)) {
    params[name] = typeof value === 'number' ? value : text(value, 't');
  }
  return params;
}

function messageKey(parts: unknown[], helper: string): MessageKey {
  const key = parts.map((part) => text(part, helper)).join('.');
  if (!isMessageKey(key)) throw new Error(`Unknown message key "${key}"`);
  return key;
}

function isPerson(value: unknown): value is { name: string; email: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof value.name === 'string' &&
    'email' in value &&
    typeof value.email === 'string'
  );
}

/**
 * Helpers return plain strings, so Handlebars escapes them in HTML templates
 * (text templates are compiled with noEscape).
 */
export function registerHelpers(hb: HandlebarsInstance): void {
  // {{t "outcome.headline" outcome title=...}}: positional parts are joined with "." so a
  // template can pick a message by an enum value without an extra helper.
  hb.registerHelper('t', (...args: unknown[]) => {
    const { params, hash, context } = parseHelperCall('t', args);
    return translate(context.locale, messageKey(params, 't'), messageParams(hash));
  });

  // {{label "summary.amount"}} -> "Amount: " / "金额：" (the colon differs by locale).
  hb.registerHelper('label', (...args: unknown[]) => {
    const { params, hash, context } = parseHelperCall('label', args);
    const label = translate(context.locale, messageKey(params, 'label'), messageParams(hash));
    return label + translate(context.locale, 'colon');
  });

  hb.registerHelper('money', (...args: unknown[]) => {
    const { params } = parseHelperCall('money', args);
    return formatMoney(text(params[0], 'money'), text(params[1], 'money'));
  });

  hb.registerHelper('instant', (...args: unknown[]) => {
    const { params, context } = parseHelperCall('instant', args);
    return formatInstant(text(params[0], 'instant'), context.timezone);
  });

  hb.registerHelper('percent', (...args: unknown[]) => {
    const { params } = parseHelperCall('percent', args);
    const value = params[0];
    if (typeof value !== 'number') throw new Error('Helper "percent" expected a number');
    return formatPercent(value);
  });

  hb.registerHelper('person', (...args: unknown[]) => {
    const { params, context } = parseHelperCall('person', args);
    const person = params[0];
    if (!isPerson(person)) throw new Error('Helper "person" expected {name, email}');
    return translate(context.locale, 'personWithEmail', { name: person.name, email: person.email });
  });

  // Contract statuses come from the database; an unexpected one is shown raw rather than failing the email.
  hb.registerHelper('gt', (...args: unknown[]) => {
    const { params } = parseHelperCall('gt', args);
    const [left, right] = params;
    return typeof left === 'number' && typeof right === 'number' && left > right;
  });

  hb.registerHelper('statusLabel', (...args: unknown[]) => {
    const { params, context } = parseHelperCall('statusLabel', args);
    const status = text(params[0], 'statusLabel');
    const key = `status.${status}`;
    return isMessageKey(key) ? translate(context.locale, key) : status;
  });

  hb.registerHelper('orNotSpecified', (...args: unknown[]) => {
    const { params, context } = parseHelperCall('orNotSpecified', args);
    const value = params[0];
    if (value === null || value === undefined || value === '') return translate(context.locale, 'notSpecified');
    return text(value, 'orNotSpecified');
  });
}
