import { applyCompletionRule } from './completion';

const base = { sessions: 4, counted: 4, attended: 3, score: null, minAttendanceRate: 0.75, passingScore: null };

describe('completion rule', () => {
  it('meets 75% with 3 of 4, not with 2 of 4', () => {
    expect(applyCompletionRule(base)).toEqual({ completes: true, attendanceRate: 0.75, shortfalls: [] });
    expect(applyCompletionRule({ ...base, attended: 2 })).toMatchObject({
      completes: false,
      shortfalls: ['attendance'],
    });
  });

  it('leaves excused sessions out: 2 attended of 3 counted meets 2/3', () => {
    expect(applyCompletionRule({ ...base, counted: 3, attended: 2, minAttendanceRate: 2 / 3 }).completes).toBe(true);
  });

  it('does not complete a trainee excused from every session', () => {
    expect(applyCompletionRule({ ...base, counted: 0, attended: 0 })).toEqual({
      completes: false,
      shortfalls: ['no-attended-session'],
    });
  });

  it('asks no attendance of a program without sessions', () => {
    expect(applyCompletionRule({ ...base, sessions: 0, counted: 0, attended: 0 })).toEqual({
      completes: true,
      shortfalls: [],
    });
  });

  it('needs a score at or above the pass mark when there is one', () => {
    expect(applyCompletionRule({ ...base, passingScore: 60 }).shortfalls).toEqual(['no-score']);
    expect(applyCompletionRule({ ...base, passingScore: 60, score: 59.99 }).shortfalls).toEqual(['score']);
    expect(applyCompletionRule({ ...base, passingScore: 60, score: 60 }).completes).toBe(true);
    expect(applyCompletionRule({ ...base, attended: 1, passingScore: 60, score: 10 }).shortfalls).toEqual([
      'attendance',
      'score',
    ]);
  });
});
