import type { CompletionShortfall } from '@skillbridge/contracts';

export interface CompletionRuleInput {
  /** Sessions of the program. */
  sessions: number;
  /** Sessions that count for this trainee (all but the excused ones). */
  counted: number;
  /** Present or late. */
  attended: number;
  score: number | null;
  minAttendanceRate: number;
  passingScore: number | null;
}

/**
 * The program's completion rule for one trainee: attend at least the
 * minimum share of the sessions that count (late counts as attended, excused
 * sessions are left out), and reach the pass mark when the program has one.
 * A program without sessions asks no attendance; a trainee excused from every
 * session attended none and does not complete.
 */
export function applyCompletionRule(input: CompletionRuleInput): {
  completes: boolean;
  attendanceRate?: number;
  shortfalls: CompletionShortfall[];
} {
  const shortfalls: CompletionShortfall[] = [];
  let attendanceRate: number | undefined;
  if (input.sessions > 0) {
    if (input.counted === 0) shortfalls.push('no-attended-session');
    else {
      attendanceRate = input.attended / input.counted;
      // Compared in whole sessions, so 3 of 4 meets 0.75 exactly despite floating point.
      if (input.attended < Math.ceil(input.minAttendanceRate * input.counted - 1e-9)) shortfalls.push('attendance');
    }
  }
  if (input.passingScore !== null) {
    if (input.score === null) shortfalls.push('no-score');
    else if (input.score < input.passingScore) shortfalls.push('score');
  }
  return {
    completes: shortfalls.length === 0,
    ...(attendanceRate !== undefined ? { attendanceRate } : {}),
    shortfalls,
  };
}
