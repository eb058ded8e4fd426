import type { Locale } from './locale.js';
import { enMessages, type MessageKey } from './messages/en.js';
import { messageCatalog, placeholdersOf, translate } from './translate.js';

const keys = Object.keys(enMessages).filter((key): key is MessageKey => key in enMessages);
const locales: readonly Locale[] = ['zh-CN', 'en'];

describe('message catalogs', () => {
  test('every message in every locale uses the same placeholders as English', () => {
    for (const key of keys) {
      const expected = placeholdersOf(enMessages[key]).sort();
      expect({ key, placeholders: placeholdersOf(messageCatalog('zh-CN')[key]).sort() }).toEqual({
        key,
        placeholders: expected,
      });
    }
  });

  test('no message is empty, and zh-CN messages are Chinese', () => {
    for (const locale of locales) {
      for (const key of keys) expect(messageCatalog(locale)[key].trim()).not.toBe('');
    }
    // Messages that are only punctuation or placeholders need no Chinese characters.
    const languageNeutral = new Set<MessageKey>(['colon', 'personWithEmail', 'request.threshold']);
    for (const key of keys) {
      if (languageNeutral.has(key)) continue;
      const chinese = /[\u4e00-\u9fff]/.test(messageCatalog('zh-CN')[key]);
      expect({ key, chinese }).toEqual({ key, chinese: true });
    }
  });
});

describe('translate', () => {
  test('fills placeholders', () => {
    expect(translate('en', 'reminder.subject', { title: 'T', id: 'c1' })).toBe('Approval reminder: T (c1)');
    expect(translate('zh-CN', 'reminder.subject', { title: 'T', id: 'c1' })).toBe('审批提醒：T（c1）');
  });

  test('throws on a missing parameter instead of sending a half-filled sentence', () => {
    expect(() => translate('en', 'reminder.subject', { title: 'T' })).toThrow(/needs parameter "id"/);
  });
});
