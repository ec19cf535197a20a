import type { CompletionLine } from '@skillbridge/contracts';
import { completionTotals, selectionErrors, shortfallLabel } from './completion';

const line = (id: string, shortfalls: CompletionLine['shortfalls']): CompletionLine => ({
  enrolmentId: `e-${id}`,
  traineeId: id,
  fullName: id,
  countedSessions: 4,
  attendedSessions: 3,
  attendanceRate: 0.75,
  completes: shortfalls.length === 0,
  shortfalls,
});

describe('completionTotals', () => {
  it('counts who completes, who does not, and how often each rule is missed', () => {
    const totals = completionTotals([
      line('a', []),
      line('b', ['attendance', 'no-score']),
      line('c', ['score']),
      line('d', []),
      line('e', ['attendance']),
    ]);
    expect(totals).toEqual({
      trainees: 5,
      completes: 2,
      doesNotComplete: 3,
      shortfalls: { attendance: 2, 'no-attended-session': 0, 'no-score': 1, score: 1 },
    });
  });

  it('is all zero for an empty program', () => {
    expect(completionTotals([])).toMatchObject({ trainees: 0, completes: 0, doesNotComplete: 0 });
  });
});

describe('shortfallLabel', () => {
  it('names the rule with its numbers, the attendance minimum as a percentage', () => {
    expect(shortfallLabel('attendance', { minAttendanceRate: 0.8, passingScore: 60 })).toEqual({
      key: 'completion.shortfalls.attendance',
      params: { min: 80, passing: 60 },
    });
    expect(shortfallLabel('no-score', { minAttendanceRate: 0.755 }).params).toEqual({ min: 75.5, passing: '' });
    expect(shortfallLabel('score', { minAttendanceRate: 0.75, passingScore: 60 }).key).toBe(
      'completion.shortfalls.score',
    );
  });
});

describe('selectionErrors', () => {
  it('names each refused trainee by the index of what was sent', () => {
    const errors = selectionErrors(
      [
        { field: 'traineeIds[2]', code: 'ALREADY_ENROLLED', message: 'Is already enrolled in this program.' },
        { field: 'traineeIds[0]', code: 'NOT_A_COMPLETER', message: 'Did not complete that program.' },
        { field: 'fromProgramId', code: 'UNKNOWN_PROGRAM', message: '?' },
      ],
      ['t1', 't2', 't3'],
    );
    expect(Object.fromEntries(errors)).toEqual({
      t3: { code: 'ALREADY_ENROLLED', message: 'Is already enrolled in this program.' },
      t1: { code: 'NOT_A_COMPLETER', message: 'Did not complete that program.' },
    });
  });
});
