import type { Seats } from '@skillbridge/contracts';

export interface SeatGauge {
  capacity: number;
  confirmed: number;
  /** Seats nobody holds yet; never below zero, even when an admin lowered the capacity. */
  left: number;
  waitlisted: number;
  pending: number;
  /** Share of the capacity that is confirmed, 0..100, for the bar. */
  percent: number;
  /** No seat left: the next enrolment joins the wait-list. */
  full: boolean;
}

/** The numbers a seat gauge shows, from a program's seat counters. */
export function seatGauge(seats: Seats): SeatGauge {
  const capacity = Math.max(0, seats.capacity);
  const confirmed = Math.max(0, seats.confirmed);
  const percent = capacity === 0 ? 100 : Math.min(100, Math.round((confirmed / capacity) * 100));
  return {
    capacity,
    confirmed,
    left: Math.max(0, capacity - confirmed),
    waitlisted: Math.max(0, seats.waitlisted),
    pending: Math.max(0, seats.pending),
    percent,
    full: confirmed >= capacity,
  };
}
