import { missingItems, passportWarnings, type GivenColumns } from './completeness';

const NOTHING: GivenColumns = {
  arrivalAt: null,
  departureAt: null,
  passportSealed: null,
  passportDeletedAt: null,
  dietarySealed: null,
  emergencyPhone: null,
  gender: null,
};

describe('missingItems', () => {
  it('lists only what the program collects, in the catalog order', () => {
    expect(missingItems(['passport', 'travel'], null)).toEqual(['travel', 'passport']);
    expect(missingItems([], null)).toEqual([]);
  });

  it('needs both legs for travel, and counts a passport deleted after the program as given', () => {
    const all = ['travel', 'passport', 'dietary', 'emergencyContact', 'accommodation'] as const;
    expect(missingItems(all, { ...NOTHING, arrivalAt: new Date() })).toEqual([...all]);
    expect(
      missingItems(all, {
        arrivalAt: new Date(),
        departureAt: new Date(),
        passportSealed: null,
        passportDeletedAt: new Date(),
        dietarySealed: 'sealed',
        emergencyPhone: '+66812345678',
        gender: 'unspecified',
      }),
    ).toEqual([]);
  });
});

describe('passportWarnings', () => {
  it('warns when the passport expires before six months after the program’s end', () => {
    expect(passportWarnings('2031-01-09', '2030-07-10')).toEqual(['PASSPORT_EXPIRES_SOON']);
    expect(passportWarnings('2031-01-10', '2030-07-10')).toEqual([]);
    expect(passportWarnings(undefined, '2030-07-10')).toEqual([]);
  });

  it('takes the end of a shorter month when the day does not exist there', () => {
    // 31 August + 6 months: 28 February (2031 is no leap year).
    expect(passportWarnings('2031-02-27', '2030-08-31')).toEqual(['PASSPORT_EXPIRES_SOON']);
    expect(passportWarnings('2031-02-28', '2030-08-31')).toEqual([]);
  });
});
