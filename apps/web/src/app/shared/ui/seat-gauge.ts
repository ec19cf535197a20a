import type { ProgramStatus, Seats, SeatScope } from '@skillbridge/contracts';

export interface SeatGauge {
  capacity: number;
  /** Seats the program has given: capacity − available (the whole program's, also for partners). */
  taken: number;
  /** Seats anyone may still be given; never below zero, even when an admin lowered the capacity. */
  left: number;
  /** Whose people the counts below are: the whole program's, or the viewer's own institution's. */
  scope: SeatScope;
  confirmed: number;
  waitlisted: number;
  pending: number;
  /** Approved by their partner, awaiting the host (programs where the host reviews each nomination). */
  nominated: number;
  /** Share of the capacity that is taken, 0..100, for the bar (shown while open). */
  percent: number;
  /** Still taking enrolments (published): only then are seats "left" or the program "full". */
  open: boolean;
  /** Open, and no seat left: the next enrolment joins the wait-list. */
  full: boolean;
}

/**
 * The numbers a seat gauge shows. The bar and "left" are the program's (from `available`); the counts are the
 * whole program's for admins and the partner's own people for partners (`scope: 'institution'`), so they match
 * the roster the partner sees.
 */
export function seatGauge(seats: Seats, status: ProgramStatus = 'published'): SeatGauge {
  const capacity = Math.max(0, seats.capacity);
  const open = status === 'published';
  const left = open ? Math.min(capacity, Math.max(0, seats.available)) : 0;
  // A program no longer taking anyone has no seats to give: no bar, no "left" (never "300 of 300 left" once ended).
  const taken = open ? capacity - left : 0;
  const percent = capacity === 0 ? 100 : Math.min(100, Math.round((taken / capacity) * 100));
  return {
    capacity,
    taken,
    left,
    scope: seats.scope,
    confirmed: Math.max(0, seats.confirmed),
    waitlisted: Math.max(0, seats.waitlisted),
    pending: Math.max(0, seats.pending),
    nominated: Math.max(0, seats.nominated ?? 0),
    percent,
    open,
    full: open && left === 0,
  };
}
