import { groupTravel, localSlot, slotLabel } from './arrivals-sheet';
import type { TraineeLine } from './rooms.service';

const line = (name: string, arrivalAt: string, arrivalPoint: string | null): TraineeLine => ({
  enrolmentId: name,
  fullName: name,
  fullNameLatin: null,
  nationality: 'TH',
  institutionCode: null,
  gender: null,
  arrivalAt: new Date(arrivalAt),
  arrivalCarrier: null,
  arrivalNumber: null,
  arrivalPoint,
  departureAt: null,
  departureCarrier: null,
  departureNumber: null,
  departurePoint: null,
});

async function* batches(lines: TraineeLine[]) {
  yield lines;
}

describe('pick-up slots', () => {
  it('reads the local day and the two-hour slot in the program’s zone', () => {
    // 23:30 in Yangon (+06:30) is 01:00 the next day in China and 17:00 the same day in UTC.
    expect(localSlot('2027-03-03T23:30:00+06:30', 'Asia/Yangon')).toEqual({ day: '2027-03-03', slotStart: 22 });
    expect(localSlot('2027-03-03T23:30:00+06:30', 'Asia/Shanghai')).toEqual({ day: '2027-03-04', slotStart: 0 });
    expect(localSlot('2027-03-03T23:30:00+06:30', 'UTC')).toEqual({ day: '2027-03-03', slotStart: 16 });
    expect(localSlot('2027-03-04T01:59:59+08:00', 'Asia/Shanghai')).toEqual({ day: '2027-03-04', slotStart: 0 });
    expect(localSlot('2027-03-04T02:00:00+08:00', 'Asia/Shanghai')).toEqual({ day: '2027-03-04', slotStart: 2 });
  });

  it('names slots by their hours, the last one ending at 24:00', () => {
    expect(slotLabel(0)).toBe('00:00–02:00');
    expect(slotLabel(22)).toBe('22:00–24:00');
  });

  it('groups by day, slot and point, points by name with no point last, people in time order', async () => {
    const groups = await groupTravel(
      batches([
        line('a', '2027-03-03T22:10:00+08:00', 'TEN'),
        line('b', '2027-03-03T22:20:00+08:00', null),
        line('c', '2027-03-03T23:00:00+08:00', 'Station'),
        line('d', '2027-03-03T23:50:00+08:00', 'TEN'),
        line('e', '2027-03-04T00:05:00+08:00', 'TEN'),
      ]),
      'arrival',
      'Asia/Shanghai',
    );
    expect(groups.map((g) => [g.day, g.slotStart, g.point, g.people.map((p) => p.fullName)])).toEqual([
      ['2027-03-03', 22, 'Station', ['c']],
      ['2027-03-03', 22, 'TEN', ['a', 'd']],
      ['2027-03-03', 22, null, ['b']],
      ['2027-03-04', 0, 'TEN', ['e']],
    ]);
  });
});
