import type { EnrolmentLogistics } from '@skillbridge/contracts';
import { arrivalsPerDay, formToLeg, hasConsent, legToForm, letterAvailable, sectionProblem } from './logistics-form';

describe('logistics form helpers', () => {
  it('reads a wall time in the program zone and shows an instant back in it', () => {
    // 23:30 in Yangon (UTC+6:30) is 17:00 UTC the same day.
    const leg = formToLeg({ at: '2027-03-01T23:30', carrier: ' MAI ', number: '8M 711', point: '' }, 'Asia/Yangon');
    expect(leg).toEqual({ at: '2027-03-01T17:00:00.000Z', carrier: 'MAI', number: '8M 711' });
    expect(legToForm(leg ?? undefined, 'Asia/Yangon')).toEqual({
      at: '2027-03-01T23:30',
      carrier: 'MAI',
      number: '8M 711',
      point: '',
    });
    // The same instant is the next day in Shanghai.
    expect(legToForm(leg ?? undefined, 'Asia/Shanghai').at).toBe('2027-03-02T01:00');
  });

  it('clears a leg without a time', () => {
    expect(formToLeg({ at: '', carrier: '', number: '', point: '' }, 'Asia/Shanghai')).toBeNull();
    expect(legToForm(undefined, 'Asia/Shanghai')).toEqual({ at: '', carrier: '', number: '', point: '' });
  });

  it('counts arrivals per local day of the program, in date order', () => {
    const days = arrivalsPerDay(
      [
        { arrivalAt: '2027-03-01T17:00:00Z' }, // 01:00 on 2 March in Shanghai
        { arrivalAt: '2027-03-01T15:59:00Z' }, // 23:59 on 1 March
        { arrivalAt: '2027-03-02T03:00:00Z' },
        {},
      ],
      'Asia/Shanghai',
    );
    expect(days).toEqual([
      { date: '2027-03-01', count: 1 },
      { date: '2027-03-02', count: 2 },
    ]);
  });

  it('names API field errors relative to the section', () => {
    const problem = sectionProblem(
      {
        type: 'about:blank',
        title: '',
        status: 400,
        detail: '',
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'passport.number', message: 'bad' },
          { field: 'consents', message: 'required' },
        ],
      },
      'passport',
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['number', 'consents']);
  });

  it('offers the letter only for complete passport data of a program that collects it', () => {
    const base: EnrolmentLogistics = {
      enrolmentId: 'e1',
      programId: 'p1',
      traineeId: 't1',
      settings: { collect: ['passport'], arrivalPoints: [] },
      timeZone: 'Asia/Shanghai',
      consents: [{ purpose: 'passport', noticeVersion: '2026-12', collected: 'self', givenAt: '', recordedBy: 't1' }],
      complete: true,
      missing: [],
      warnings: [],
    };
    expect(letterAvailable(base)).toBe(false);
    const withPassport = {
      ...base,
      passport: {
        number: 'AA1234567',
        fullNameAsInPassport: 'SOMSRI MEESUK',
        nationality: 'TH' as const,
        dateOfBirth: '2001-02-03',
        expiresOn: '2031-01-01',
      },
    };
    expect(letterAvailable(withPassport)).toBe(true);
    expect(letterAvailable({ ...withPassport, missing: ['passport'] })).toBe(false);
    expect(hasConsent(base, 'passport')).toBe(true);
    expect(hasConsent(base, 'dietary')).toBe(false);
  });
});
