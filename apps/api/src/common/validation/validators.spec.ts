import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCountryCode, IsLocalizedText, NormalizeLocalizedText } from './validators';

class Probe {
  @IsCountryCode()
  country: string;

  @NormalizeLocalizedText()
  @IsLocalizedText(10)
  name: Record<string, unknown>;
}

const failures = (plain: object) =>
  validateSync(plainToInstance(Probe, plain)).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join()}`);

describe('custom validators', () => {
  it('accept real country codes and localized text in our languages', () => {
    expect(failures({ country: 'MM', name: { th: 'ชา', zh: '茶' } })).toEqual([]);
  });

  it('refuse made-up countries and lower case', () => {
    expect(failures({ country: 'XX', name: { en: 'Tea' } })).toEqual(['country:isCountryCode']);
    expect(failures({ country: 'th', name: { en: 'Tea' } })).toEqual(['country:isCountryCode']);
  });

  it('refuse localized text that is empty, blank, too long, in another language or not text', () => {
    for (const name of [{}, { en: '   ' }, { en: 'x'.repeat(11) }, { fr: 'Thé' }, { en: 5 }, ['Tea'], 'Tea']) {
      expect(failures({ country: 'TH', name })).toEqual(['name:isLocalizedText']);
    }
  });

  it('trims and drops blank languages before validating', () => {
    const probe = plainToInstance(Probe, { country: 'TH', name: { en: '  Tea ', th: '' } });
    expect(probe.name).toEqual({ en: 'Tea' });
  });
});
