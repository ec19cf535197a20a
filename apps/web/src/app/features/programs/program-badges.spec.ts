import type { Seats } from '@skillbridge/contracts';
import { programBadges, showsSeats } from './program-badges';

const seats = (available: number): Seats => ({
  capacity: 300,
  available,
  scope: 'program',
  confirmed: 300 - available,
  waitlisted: 0,
  pending: 0,
});
const program = (status: 'published' | 'completed' | 'cancelled' | 'draft', endDate: string, available = 300) => ({
  status,
  endDate,
  seats: seats(available),
});
const today = '2026-12-07';

describe('programBadges', () => {
  it('says Ended for a completed program and for one whose last day has passed, and offers no seats then', () => {
    // Completion frees every counter: 300 of 300 "left" must never show on it.
    expect(programBadges(program('completed', '2024-09-05', 300), today)).toEqual(['ended']);
    expect(showsSeats(program('completed', '2024-09-05', 300), today)).toBe(false);
    expect(programBadges(program('published', '2026-12-06'), today)).toEqual(['ended']);
    expect(showsSeats(program('published', '2026-12-06'), today)).toBe(false);
  });

  it('says Full for a published program with no free seat, still showing its seats', () => {
    expect(programBadges(program('published', '2027-01-10', 0), today)).toEqual(['full']);
    expect(showsSeats(program('published', '2027-01-10', 0), today)).toBe(true);
  });

  it('says Cancelled for a cancelled one, and nothing for an open one (its last day is today)', () => {
    expect(programBadges(program('cancelled', '2027-01-10'), today)).toEqual(['cancelled']);
    expect(programBadges(program('published', today, 12), today)).toEqual([]);
    expect(showsSeats(program('published', today, 12), today)).toBe(true);
  });
});
