import { isoDate, parseDateText, parseIsoDate, parseIsoTime, parseTimeText } from './date-text';

const jan3 = { year: 2027, month: 1, day: 3 };

describe('parseDateText', () => {
  it('reads Thai dates in the Buddhist era, typed or as shown', () => {
    expect(parseDateText('3/1/2570', 'th')).toEqual(jan3);
    expect(parseDateText('03/01/2570', 'th')).toEqual(jan3);
    expect(parseDateText('3 ม.ค. 2570', 'th')).toEqual(jan3);
    expect(parseDateText('3 มกราคม 2570', 'th')).toEqual(jan3);
    expect(parseDateText('3 ม.ค. พ.ศ. 2570', 'th')).toEqual(jan3);
    expect(parseDateText('๓/๑/๒๕๗๐', 'th')).toEqual(jan3);
    expect(parseDateText('3/1/70', 'th')).toEqual(jan3);
  });

  it('takes a Gregorian year in Thai text as Gregorian, and ISO dates in every language', () => {
    expect(parseDateText('3/1/2027', 'th')).toEqual(jan3);
    for (const locale of ['en', 'zh', 'th', 'ms'] as const) expect(parseDateText('2027-01-03', locale)).toEqual(jan3);
  });

  it('reads English and Malay day first, with numbers or month names', () => {
    expect(parseDateText('3/1/2027', 'en')).toEqual(jan3);
    expect(parseDateText('03.01.27', 'en')).toEqual(jan3);
    expect(parseDateText('3 Jan 2027', 'en')).toEqual(jan3);
    expect(parseDateText('Jan 3, 2027', 'en')).toEqual(jan3);
    expect(parseDateText('3 january 2027', 'en')).toEqual(jan3);
    expect(parseDateText('3/1/2027', 'ms')).toEqual(jan3);
    expect(parseDateText('3 Jan 2027', 'ms')).toEqual(jan3);
    expect(parseDateText('3 Ogos 2027', 'ms')).toEqual({ year: 2027, month: 8, day: 3 });
    expect(parseDateText('3 Aug 2027', 'ms')).toEqual({ year: 2027, month: 8, day: 3 });
  });

  it('reads Chinese year first', () => {
    expect(parseDateText('2027年1月3日', 'zh')).toEqual(jan3);
    expect(parseDateText('2027/1/3', 'zh')).toEqual(jan3);
    expect(parseDateText('２０２７／１／３', 'zh')).toEqual(jan3);
  });

  it('gives null for text that is no day, never a guess', () => {
    for (const text of [
      '',
      'tomorrow',
      '3/1',
      '32/1/2027',
      '29/2/2027',
      '3/13/2027',
      '3 Foo 2027',
      '1/2/3/4',
      '3/1/202',
    ]) {
      expect(parseDateText(text, 'en')).toBeNull();
    }
    expect(parseDateText('29/2/2028', 'en')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDateText('29/2/2571', 'th')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDateText('29/2/2570', 'th')).toBeNull();
  });
});

describe('parseTimeText', () => {
  it('reads the 24-hour clock as people type it', () => {
    expect(parseTimeText('09:00')).toEqual([9, 0]);
    expect(parseTimeText('9:30')).toEqual([9, 30]);
    expect(parseTimeText('14.30')).toEqual([14, 30]);
    expect(parseTimeText('1430')).toEqual([14, 30]);
    expect(parseTimeText('14')).toEqual([14, 0]);
    expect(parseTimeText('14.30 น.')).toEqual([14, 30]);
    expect(parseTimeText('14时30分')).toEqual([14, 30]);
    expect(parseTimeText('2:30 pm')).toEqual([14, 30]);
    expect(parseTimeText('12:00 am')).toEqual([0, 0]);
    expect(parseTimeText('00:00')).toEqual([0, 0]);
  });

  it('gives null for text that is no time', () => {
    for (const text of ['', '24:00', '9:60', 'noon', '13:00 pm', '9:5', '12345']) {
      expect(parseTimeText(text)).toBeNull();
    }
  });
});

describe('the values the forms keep', () => {
  it('are YYYY-MM-DD and HH:mm', () => {
    expect(isoDate(jan3)).toBe('2027-01-03');
    expect(parseIsoDate('2027-01-03')).toEqual(jan3);
    expect(parseIsoDate('2027-02-30')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
    expect(parseIsoTime('09:05')).toEqual([9, 5]);
    expect(parseIsoTime('9:05')).toBeNull();
  });
});
