import { zonedRangeText, zonedTimeText } from './zoned-time';

describe('zonedTimeText', () => {
  const nineInShanghai = '2024-09-03T01:00:00Z';

  it('shows the program’s time and, when the viewer’s clocks differ, theirs beside it', () => {
    expect(zonedTimeText(nineInShanghai, 'Asia/Shanghai', 'Asia/Bangkok', 'en')).toEqual({
      program: '09:00 GMT+8',
      viewer: '08:00',
    });
  });

  it('shows one time when the zones agree at that instant', () => {
    expect(zonedTimeText(nineInShanghai, 'Asia/Shanghai', 'Asia/Kuala_Lumpur', 'ms')).toEqual({
      program: expect.stringMatching(/^09:00/),
      viewer: null,
    });
  });

  it('handles half-hour offsets and dates in all four languages', () => {
    for (const locale of ['en', 'zh', 'th', 'ms'] as const) {
      const text = zonedTimeText('2024-10-29T02:30:00Z', 'Asia/Yangon', 'Asia/Shanghai', locale, true);
      expect(text.program).toMatch(/09:00/);
      expect(text.viewer).toMatch(/10:30/);
      expect(text.program).toMatch(/29/);
    }
  });
});

describe('zonedRangeText', () => {
  it('gives the span in the program’s zone and the viewer’s', () => {
    expect(
      zonedRangeText('2024-09-03T01:00:00Z', '2024-09-03T03:30:00Z', 'Asia/Shanghai', 'Asia/Bangkok', 'en'),
    ).toEqual({
      program: '09:00–11:30 GMT+8',
      viewer: '08:00–10:30',
    });
  });
});
