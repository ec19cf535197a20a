import { negotiateLocale, toSupportedLocale } from './locales';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['th', 'th'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['ms-MY', 'ms'],
    ['fr-FR,th;q=0.5', 'th'],
    ['en;q=0.2, ms;q=0.9', 'ms'],
    ['de, fr', 'en'],
    ['th;q=0, en', 'en'],
    ['*', 'en'],
    ['th;q=abc, zh', 'zh'],
  ])('%p → %p', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('toSupportedLocale', () => {
  it('maps regional tags to their language and refuses others', () => {
    expect(toSupportedLocale('TH_th')).toBe('th');
    expect(toSupportedLocale('vi-VN')).toBeNull();
    expect(toSupportedLocale(null)).toBeNull();
  });
});
