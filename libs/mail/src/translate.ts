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

/** Throws on a missing parameter: a half-filled sentence must never reach a recipient. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Message "${key}" (${locale}) needs parameter "${name}"`);
    return String(value);
  });
}

export function translatorFor(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

export function messageCatalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}
