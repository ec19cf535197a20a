import { resolveLocalizedText } from './localized-text';

describe('resolveLocalizedText', () => {
  const full = { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา', ms: 'Budaya teh' };

  it('gives the reader their own language', () => {
    expect(resolveLocalizedText(full, 'th')).toBe('วัฒนธรรมชา');
    expect(resolveLocalizedText(full, 'zh')).toBe('茶文化');
  });

  it('falls back to English, then Chinese, then the first language present', () => {
    expect(resolveLocalizedText({ en: 'Tea', zh: '茶' }, 'ms')).toBe('Tea');
    expect(resolveLocalizedText({ zh: '茶', th: 'ชา' }, 'ms')).toBe('茶');
    expect(resolveLocalizedText({ th: 'ชา' }, 'en')).toBe('ชา');
  });

  it('treats blank values as missing', () => {
    expect(resolveLocalizedText({ th: '  ', en: 'Tea' }, 'th')).toBe('Tea');
    expect(resolveLocalizedText({}, 'en')).toBe('');
    expect(resolveLocalizedText(null, 'en')).toBe('');
  });
});
