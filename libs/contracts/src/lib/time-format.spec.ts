import type { Locale } from './locales';
import { formatZonedRange, formatZonedTime } from './time-format';

/*
 * Exact strings, as people read them. English and Malay ranges of days put
 * thin spaces (U+2009) around the dash, as CLDR says; Node 20 and Node 24
 * (ICU 78) write the same characters, so nothing here is normalised.
 */
const THIN = '\u2009';

// 09:00–11:30 in Shanghai on Tuesday 3 September 2024.
const nine = '2024-09-03T01:00:00Z';
const halfPastEleven = '2024-09-03T03:30:00Z';
// 22:00 that evening to 01:00 the next morning, in Shanghai.
const ten = '2024-09-03T14:00:00Z';
const one = '2024-09-03T17:00:00Z';
// A camp from Tuesday 09:00 to Thursday 11:30, in Shanghai.
const thursday = '2024-09-05T03:30:00Z';

const expected: Record<
  Locale,
  { range: string; dated: string; midnight: string; days: string; time: string; datedTime: string }
> = {
  en: {
    range: `09:00${THIN}–${THIN}11:30 GMT+8`,
    dated: `Tue, Sep 3, 2024, 09:00${THIN}–${THIN}11:30 GMT+8`,
    midnight: `22:00${THIN}–${THIN}Wed, Sep 4, 2024, 01:00 GMT+8`,
    days: `Tue, Sep 3, 2024, 09:00${THIN}–${THIN}Thu, Sep 5, 2024, 11:30 GMT+8`,
    time: '09:00 GMT+8',
    datedTime: 'Tue, Sep 3, 2024, 09:00 GMT+8',
  },
  zh: {
    range: '09:00–11:30（GMT+8）',
    dated: '2024年9月3日周二 09:00–11:30（GMT+8）',
    midnight: '22:00 – 2024年9月4日周三 01:00（GMT+8）',
    days: '2024年9月3日周二 09:00 – 2024年9月5日周四 11:30（GMT+8）',
    time: '09:00（GMT+8）',
    datedTime: '2024年9月3日周二 09:00（GMT+8）',
  },
  th: {
    range: '09:00–11:30 GMT+8',
    dated: 'อังคาร 3 ก.ย. 2567 09:00–11:30 GMT+8',
    midnight: '22:00 - พุธ 4 ก.ย. 2567 01:00 GMT+8',
    days: 'อังคาร 3 ก.ย. 2567 09:00 - พฤหัส 5 ก.ย. 2567 11:30 GMT+8',
    time: '09:00 GMT+8',
    datedTime: 'อังคาร 3 ก.ย. 2567 09:00 GMT+8',
  },
  ms: {
    range: '09:00–11:30 GMT+8',
    dated: 'Sel, 3 Sep 2024, 09:00–11:30 GMT+8',
    midnight: `22:00${THIN}–${THIN}Rab, 4 Sep 2024, 01:00 GMT+8`,
    days: `Sel, 3 Sep 2024, 09:00${THIN}–${THIN}Kha, 5 Sep 2024, 11:30 GMT+8`,
    time: '09:00 GMT+8',
    datedTime: 'Sel, 3 Sep 2024, 09:00 GMT+8',
  },
};

describe.each(Object.keys(expected) as Locale[])('times in %s', (locale) => {
  const want = expected[locale];

  it('gives a session’s span with its zone once, after the times', () => {
    expect(formatZonedRange(nine, halfPastEleven, 'Asia/Shanghai', locale)).toBe(want.range);
  });

  it('puts the day, with its year, before the span when asked', () => {
    expect(formatZonedRange(nine, halfPastEleven, 'Asia/Shanghai', locale, { withDate: true })).toBe(want.dated);
  });

  it('names the next day at the end of a span that crosses midnight', () => {
    expect(formatZonedRange(ten, one, 'Asia/Shanghai', locale)).toBe(want.midnight);
    expect(formatZonedRange(ten, one, 'Asia/Shanghai', locale, { withDate: true })).toBe(
      `${want.dated.slice(0, want.dated.indexOf('09:00'))}${want.midnight}`,
    );
  });

  it('gives both days of a span of several days', () => {
    expect(formatZonedRange(nine, thursday, 'Asia/Shanghai', locale, { withDate: true })).toBe(want.days);
  });

  it('leaves the zone out when asked, for the viewer’s own time', () => {
    const plain = formatZonedRange(nine, halfPastEleven, 'Asia/Shanghai', locale, { zoneName: false });
    expect(want.range.startsWith(plain)).toBe(true);
    expect(plain).not.toMatch(/GMT/);
  });

  it('gives one instant the same way', () => {
    expect(formatZonedTime(nine, 'Asia/Shanghai', locale)).toBe(want.time);
    expect(formatZonedTime(nine, 'Asia/Shanghai', locale, { withDate: true })).toBe(want.datedTime);
    expect(formatZonedTime(nine, 'Asia/Shanghai', locale, { zoneName: false })).toBe('09:00');
  });
});

describe('zones', () => {
  it('handles the half-hour offset of Yangon', () => {
    expect(formatZonedRange('2024-10-29T02:30:00Z', '2024-10-29T05:00:00Z', 'Asia/Yangon', 'zh')).toBe(
      '09:00–11:30（GMT+6:30）',
    );
    expect(formatZonedTime('2024-10-29T02:30:00Z', 'Asia/Yangon', 'th')).toBe('09:00 GMT+6:30');
  });

  it('keeps the leading zero of the hour in Thai ranges, which CLDR’s pattern drops', () => {
    expect(formatZonedRange('2025-01-01T01:00:00Z', '2025-01-01T03:00:00Z', 'Asia/Bangkok', 'th')).toBe(
      '08:00–10:00 GMT+7',
    );
  });

  it('says the year of the zone’s calendar day, in Buddhist era for Thai', () => {
    // 23:30 on 31 December 2024 in Bangkok is already 1 January 2025 in Shanghai.
    const instant = '2024-12-31T16:30:00Z';
    expect(formatZonedTime(instant, 'Asia/Bangkok', 'th', { withDate: true })).toBe('อังคาร 31 ธ.ค. 2567 23:30 GMT+7');
    expect(formatZonedTime(instant, 'Asia/Shanghai', 'th', { withDate: true })).toBe('พุธ 1 ม.ค. 2568 00:30 GMT+8');
  });

  it('gives each end its own offset when daylight saving ends inside the span', () => {
    // London leaves summer time at 02:00 BST on 27 October 2024 (01:00 UTC).
    expect(formatZonedRange('2024-10-27T00:00:00Z', '2024-10-27T02:00:00Z', 'Europe/London', 'zh')).toBe(
      '01:00（GMT+1） – 02:00（GMT+0）',
    );
    expect(formatZonedRange('2024-10-27T00:00:00Z', '2024-10-27T02:00:00Z', 'Europe/London', 'en')).toBe(
      `01:00 GMT+1${THIN}–${THIN}02:00 GMT`,
    );
  });
});
