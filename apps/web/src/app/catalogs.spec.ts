import { ERROR_CODES, NOTIFICATION_KINDS } from '@skillbridge/contracts';
import en from '../../public/i18n/en.json';

describe('web catalog', () => {
  it('has its own words for every API error code', () => {
    const errors = en.errors as Record<string, string>;
    for (const code of ERROR_CODES) expect(errors[code]).toBeTruthy();
  });

  it('names every kind of notification (the mailbox and the notifications page show it)', () => {
    const kinds = (en.notifications as { kinds: Record<string, string> }).kinds;
    for (const kind of NOTIFICATION_KINDS) expect(kinds[kind]).toBeTruthy();
  });
});
