import { zonedRangeText, zonedTimeText } from './zoned-time';

const THIN = '\u2009';

describe('zonedTimeText', () => {
  const nineInShanghai = '2024-09-03T01:00:00Z';

  it('shows the program’s time and, when the viewer’s clocks differ, theirs beside it', () => {
    expect(zonedTimeText(nineInShanghai, 'Asia/Shanghai', 'Asia/Bangkok', 'en')).toEqual({
      program: '09:00 GMT+8',
      viewer: '08:00',
    });
    expect(zonedTimeText(nineInShanghai, 'Asia/Shanghai', 'Asia/Bangkok', 'zh')).toEqual({
      program: '09:00（GMT+8）',
      viewer: '08:00',
    });
  });

  it('shows one time when the zones agree at that instant', () => {
    expect(zonedTimeText(nineInShanghai, 'Asia/Shanghai', 'Asia/Kuala_Lumpur', 'ms')).toEqual({
      program: '09:00 GMT+8',
      viewer: null,
    });
  });

  it('handles half-hour offsets and dates, with their year, in all four languages', () => {
    const at = '2024-10-29T02:30:00Z';
    expect(zonedTimeText(at, 'Asia/Yangon', 'Asia/Shanghai', 'en', true)).toEqual({
      program: 'Tue, Oct 29, 2024, 09:00 GMT+6:30',
      viewer: 'Tue, Oct 29, 2024, 10:30',
    });
    expect(zonedTimeText(at, 'Asia/Yangon', 'Asia/Shanghai', 'zh', true)).toEqual({
      program: '2024年10月29日周二 09:00（GMT+6:30）',
      viewer: '2024年10月29日周二 10:30',
    });
    expect(zonedTimeText(at, 'Asia/Yangon', 'Asia/Shanghai', 'th', true)).toEqual({
      program: 'อังคาร 29 ต.ค. 2567 09:00 GMT+6:30',
      viewer: 'อังคาร 29 ต.ค. 2567 10:30',
    });
    expect(zonedTimeText(at, 'Asia/Yangon', 'Asia/Shanghai', 'ms', true)).toEqual({
      program: 'Sel, 29 Okt 2024, 09:00 GMT+6:30',
      viewer: 'Sel, 29 Okt 2024, 10:30',
    });
  });
});

describe('zonedRangeText', () => {
  const [nine, halfPastEleven] = ['2024-09-03T01:00:00Z', '2024-09-03T03:30:00Z'];

  it('gives the span in the program’s zone, the zone said once, and the viewer’s', () => {
    expect(zonedRangeText(nine, halfPastEleven, 'Asia/Shanghai', 'Asia/Bangkok', 'en')).toEqual({
      program: `09:00${THIN}–${THIN}11:30 GMT+8`,
      viewer: `08:00${THIN}–${THIN}10:30`,
    });
    expect(zonedRangeText(nine, halfPastEleven, 'Asia/Shanghai', 'Asia/Bangkok', 'zh')).toEqual({
      program: '09:00–11:30（GMT+8）',
      viewer: '08:00–10:30',
    });
    expect(zonedRangeText(nine, halfPastEleven, 'Asia/Shanghai', 'Asia/Bangkok', 'th')).toEqual({
      program: '09:00–11:30 GMT+8',
      viewer: '08:00–10:30',
    });
    expect(zonedRangeText(nine, halfPastEleven, 'Asia/Shanghai', 'Asia/Kuala_Lumpur', 'ms')).toEqual({
      program: '09:00–11:30 GMT+8',
      viewer: null,
    });
  });

  it('says the zone once for a span of days with their dates, such as an enrolment window', () => {
    const [opens, closes] = ['2027-03-01T01:00:00Z', '2027-03-12T09:00:00Z'];
    expect(zonedRangeText(opens, closes, 'Asia/Shanghai', 'Asia/Bangkok', 'zh', true)).toEqual({
      program: '2027年3月1日周一 09:00 – 2027年3月12日周五 17:00（GMT+8）',
      viewer: '2027年3月1日周一 08:00 – 2027年3月12日周五 16:00',
    });
    expect(zonedRangeText(opens, closes, 'Asia/Shanghai', 'Asia/Shanghai', 'th', true)).toEqual({
      program: 'จันทร์ 1 มี.ค. 2570 09:00 - ศุกร์ 12 มี.ค. 2570 17:00 GMT+8',
      viewer: null,
    });
  });

  it('names the day a span ends on when it crosses midnight, in either zone', () => {
    // 23:00–01:00 in Bangkok; in Shanghai it is all on the next day.
    expect(
      zonedRangeText('2024-09-03T16:00:00Z', '2024-09-03T18:00:00Z', 'Asia/Bangkok', 'Asia/Shanghai', 'zh'),
    ).toEqual({ program: '23:00 – 2024年9月4日周三 01:00（GMT+7）', viewer: '00:00–02:00' });
  });
});
