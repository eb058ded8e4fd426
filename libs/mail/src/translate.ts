import type { Locale } from './locale.js';
import { enMessages, type MessageKey } from './messages/en.js';
import { zhCnMessages } from './messages/zh-cn.js';

export type { MessageKey } from './messages/en.js';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translator = (key: MessageKey, params?: MessageParams) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en: enMessages,
  'zh-CN': zhCnMessages,
};

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(enMessages, key);
}

/** Placeholder names in a message, e.g. "{title} ({id})" -> ["title", "id"]. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** A message split at its placeholders: literal text at even indexes, parameter names at odd ones. */
const compiled = new Map<string, string[]>();

function partsOf(locale: Locale, key: MessageKey): string[] {
  const id = `${locale}\u0000${key}`;
  let parts = compiled.get(id);
  if (!parts) compiled.set(id, (parts = catalogs[locale][key].split(/\{(\w+)\}/)));
  return parts;
}

/** Throws on a missing parameter: a half-filled sentence must never reach a recipient. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const parts = partsOf(locale, key);
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]];
    if (value === undefined) throw new Error(`Message "${key}" (${locale}) needs parameter "${parts[i]}"`);
    text += String(value) + parts[i + 1];
  }
  return text;
}

export function translatorFor(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

export function messageCatalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}
