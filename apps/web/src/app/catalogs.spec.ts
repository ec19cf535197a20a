import { ERROR_CODES } from '@skillbridge/contracts';
import en from '../../public/i18n/en.json';

describe('web catalog', () => {
  it('has its own words for every API error code', () => {
    const errors = en.errors as Record<string, string>;
    for (const code of ERROR_CODES) expect(errors[code]).toBeTruthy();
  });
});
