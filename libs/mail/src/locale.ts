export type Locale = 'zh-CN' | 'en';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Maps whatever an employee record holds ('en-US', 'EN', 'zh_CN', 'zh-Hans', null, ...)
 * onto a supported locale. Anything unrecognised gets the organisation default.
 */
export function normalizeLocale(input: string | null | undefined): Locale {
  const primary = (input ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'en') return 'en';
  return DEFAULT_LOCALE;
}
