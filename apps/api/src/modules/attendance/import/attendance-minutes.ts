import type { AttendanceRule, ImportedStatus } from '@skillbridge/contracts';

/** One stay of a person in the meeting: from `join` to `leave` (`null`: still in it when the report was exported). */
export interface Stay {
  join: Date;
  leave: Date | null;
}

export interface SessionSpan {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Whole minutes (rounded down) a person spent inside the session: the union of their stays, each clipped to
 * [startsAt, endsAt], so overlapping stays (two devices) count once. A stay with no leave time lasts until the
 * session's end.
 */
export function minutesInside(stays: readonly Stay[], { startsAt, endsAt }: SessionSpan): number {
  const from = startsAt.getTime();
  const to = endsAt.getTime();
  const clipped = stays
    .map((s) => [Math.max(s.join.getTime(), from), Math.min((s.leave ?? endsAt).getTime(), to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [a, b] of clipped) {
    if (current && a <= current[1]) current[1] = Math.max(current[1], b);
    else {
      if (current) total += current[1] - current[0];
      current = [a, b];
    }
  }
  if (current) total += current[1] - current[0];
  return Math.floor(total / 60_000);
}

/** The session's length in whole minutes. */
export function sessionMinutes({ startsAt, endsAt }: SessionSpan): number {
  return Math.floor((endsAt.getTime() - startsAt.getTime()) / 60_000);
}

/**
 * What the program's rule makes of a person: `present` when their minutes reach `minMinutesPresentRate` of the
 * session (exactly at the rate counts), `late` when they also joined first more than `graceMinutes` after the
 * start (exactly at the grace is still on time), else `absent`.
 */
export function importedStatus(
  minutes: number,
  firstJoinAt: Date,
  span: SessionSpan,
  rule: AttendanceRule,
): ImportedStatus {
  // Compare in integers (thousandths) so 0.8 × 60 is exactly 48, not 48.000000000000004.
  const needed = Math.ceil((Math.round(rule.minMinutesPresentRate * 1000) * sessionMinutes(span)) / 1000);
  if (minutes < needed) return 'absent';
  const graceEnds = span.startsAt.getTime() + rule.graceMinutes * 60_000;
  return firstJoinAt.getTime() > graceEnds ? 'late' : 'present';
}

/** The earliest join of a person's stays. */
export function firstJoin(stays: readonly Stay[]): Date {
  return new Date(Math.min(...stays.map((s) => s.join.getTime())));
}
