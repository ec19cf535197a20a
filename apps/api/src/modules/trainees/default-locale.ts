import type { CountryCode, Locale } from '@skillbridge/contracts';

const BY_NATIONALITY: Partial<Record<CountryCode, Locale>> = { TH: 'th', CN: 'zh', TW: 'zh', MY: 'ms', BN: 'ms' };

/** The UI language a trainee most likely reads, when nobody said: Thai for Thais, Malay for Malaysians… */
export function defaultLocaleFor(nationality: CountryCode | string): Locale {
  return BY_NATIONALITY[nationality as CountryCode] ?? 'en';
}
