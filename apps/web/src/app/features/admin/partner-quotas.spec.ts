import type { Institution } from '@skillbridge/contracts';
import { openSeats, quotaChoices, quotaFieldPath, quotaRows, quotaSum, quotasOf } from './partner-quotas';

const partner = (id: string) => ({ id, code: id.toUpperCase(), kind: 'partner', name: { en: id } }) as Institution;

describe('partner quotas in the program form', () => {
  it('adds the seats of the rows, counting a row without a number as none', () => {
    expect(quotaSum([])).toBe(0);
    expect(quotaSum([{ seats: 15 }, { seats: '10' }, { seats: null }, { seats: '' }])).toBe(25);
    expect(quotaSum([{ seats: -3 }, { seats: 'x' }])).toBe(0);
  });

  it('says how many seats stay open to everyone else, never fewer than none', () => {
    expect(openSeats(40, 25)).toBe(15);
    expect(openSeats('40', 40)).toBe(0);
    expect(openSeats(40, 45)).toBe(0);
    expect(openSeats(null, 5)).toBe(0);
  });

  it('limits the institutions to the program’s partners once it names some', () => {
    const all = [partner('a'), partner('b'), partner('c')];
    expect(quotaChoices(all, []).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(quotaChoices(all, ['c', 'a']).map((i) => i.id)).toEqual(['a', 'c']);
  });

  it('builds rows from the API’s quotas and sends them back as numbers', () => {
    const rows = quotaRows([{ institutionId: 'a', seats: 5 }]);
    expect(rows.length).toBe(1);
    expect(rows.at(0).getRawValue()).toEqual({ institutionId: 'a', seats: 5 });
    expect(quotasOf([{ institutionId: 'a', seats: '7' }])).toEqual([{ institutionId: 'a', seats: 7 }]);
  });

  it('reaches an API field name of an array item by the form’s path', () => {
    expect(quotaFieldPath('partnerQuotas[2].seats')).toBe('partnerQuotas.2.seats');
    expect(quotaFieldPath('partnerQuotas[0].institutionId')).toBe('partnerQuotas.0.institutionId');
    expect(quotaFieldPath('partnerQuotas')).toBe('partnerQuotas');
  });
});
