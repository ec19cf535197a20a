import { isExpired } from './validity';

describe('isExpired', () => {
  it('counts the last valid day in the program’s zone, not the viewer’s', () => {
    // 2027-03-31 23:30 in Shanghai is still 2027-03-31 16:30 in London and 22:30 in Bangkok.
    expect(isExpired('2027-03-31', 'Asia/Shanghai', new Date('2027-03-31T15:30:00Z'))).toBe(false);
    // Half an hour later Shanghai's calendar shows April 1st: expired there, though Bangkok is still on March 31st.
    expect(isExpired('2027-03-31', 'Asia/Shanghai', new Date('2027-03-31T16:30:00Z'))).toBe(true);
    expect(isExpired('2027-03-31', 'Asia/Bangkok', new Date('2027-03-31T16:30:00Z'))).toBe(false);
  });

  it('never expires a certificate without a validity period', () => {
    expect(isExpired(undefined, 'Asia/Shanghai', new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});
