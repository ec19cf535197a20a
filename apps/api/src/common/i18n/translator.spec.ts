import { ERROR_CODES, SUPPORTED_LOCALES } from '@skillbridge/contracts';
import { hasTranslation, translate } from './translator';

describe('translate', () => {
  it('fills placeholders in the requested language', () => {
    expect(translate('en', 'validation.min', { min: 3 })).toBe('Must be at least 3.');
    expect(translate('zh', 'validation.min', { min: 3 })).toBe('不能小于 3。');
  });

  it('falls back to the key when no catalog has it', () => {
    expect(translate('th', 'no.such.key')).toBe('no.such.key');
  });

  it('has a title and a detail for every error code in every language', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const code of ERROR_CODES) {
        expect(hasTranslation(`errors.${code}.title`)).toBe(true);
        const title = translate(locale, `errors.${code}.title`);
        expect(title).not.toBe(`errors.${code}.title`);
        expect(translate(locale, `errors.${code}.detail`)).not.toBe(`errors.${code}.detail`);
      }
    }
  });
});
