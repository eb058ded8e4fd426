import { normalizeLocale } from './locale.js';

describe('normalizeLocale', () => {
  test.each([
    [undefined, 'zh-CN'],
    [null, 'zh-CN'],
    ['', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh_cn', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en', 'en'],
    ['EN', 'en'],
    [' en-US ', 'en'],
    ['en_GB', 'en'],
    ['english', 'zh-CN'],
  ])('%p -> %s', (input, expected) => {
    expect(normalizeLocale(input)).toBe(expected);
  });
});
