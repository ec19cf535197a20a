import type { AttendanceLine, AttendanceSheet } from '@skillbridge/contracts';
import {
  applyChoices,
  AttendanceRegister,
  markErrors,
  mergeRegisters,
  nextStatus,
  type Marks,
} from './attendance-register';

const line = (traineeId: string, status: AttendanceLine['status'] = null): AttendanceLine => ({
  traineeId,
  enrolmentId: `e-${traineeId}`,
  fullName: traineeId,
  nationality: 'TH',
  status,
});
const sheet = (...lines: AttendanceLine[]): AttendanceSheet => ({
  sessionId: 's1',
  programId: 'p1',
  opensAt: '2025-03-04T00:30:00.000Z',
  version: 'v1',
  lines,
});

describe('nextStatus', () => {
  it('moves present → late → absent → excused → present, and an unmarked trainee to present', () => {
    expect(nextStatus(null)).toBe('present');
    expect(nextStatus('present')).toBe('late');
    expect(nextStatus('late')).toBe('absent');
    expect(nextStatus('absent')).toBe('excused');
    expect(nextStatus('excused')).toBe('present');
  });
});

describe('AttendanceRegister', () => {
  it('cycles a trainee with each tap and knows what is unsaved', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a', 'present'), line('b')));
    expect(register.dirty()).toBe(false);

    expect(register.cycle('a')).toBe('late');
    expect(register.cycle('b')).toBe('present');
    expect(register.dirty()).toBe(true);
    expect(register.changed()).toEqual(['a', 'b']);
    expect(register.isChanged('a')).toBe(true);

    // Three more taps bring "a" round to present again: no longer a change.
    register.cycle('a');
    register.cycle('a');
    register.cycle('a');
    expect(register.statusOf('a')).toBe('present');
    expect(register.changed()).toEqual(['b']);
  });

  it('marks everyone present at once, and counts each mark', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a', 'absent'), line('b'), line('c', 'late')));
    expect(register.counts()).toEqual({ present: 0, late: 1, absent: 1, excused: 0, unmarked: 1 });
    register.allPresent();
    expect(register.counts()).toEqual({ present: 3, late: 0, absent: 0, excused: 0, unmarked: 0 });
    expect(register.changed()).toEqual(['a', 'b', 'c']);
  });

  it('sends the whole register — unchanged marks too — and leaves unmarked trainees out', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a', 'present'), line('b', 'excused'), line('c'), line('d')));
    register.cycle('d');
    expect(register.marks()).toEqual([
      { traineeId: 'a', status: 'present' },
      { traineeId: 'b', status: 'excused' },
      { traineeId: 'd', status: 'present' },
    ]);
  });

  it('discards unsaved taps', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a', 'late')));
    register.cycle('a');
    register.discard();
    expect(register.statusOf('a')).toBe('late');
    expect(register.dirty()).toBe(false);
  });

  it('takes the saved register as clean, keeping a tap made while the save was on its way', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a'), line('b')));
    register.allPresent();
    const sent = register.marks();
    register.cycle('b'); // tapped while saving: now late
    register.acceptSaved(sheet(line('a', 'present'), line('b', 'present')), sent);
    expect(register.statusOf('a')).toBe('present');
    expect(register.statusOf('b')).toBe('late');
    expect(register.changed()).toEqual(['b']);
  });
});

describe('markErrors', () => {
  it('names the trainee of each refused mark by its index in what was sent', () => {
    const sent = [
      { traineeId: 'a', status: 'present' as const },
      { traineeId: 'b', status: 'late' as const },
    ];
    const errors = markErrors(
      [
        { field: '[1].traineeId', code: 'NOT_CONFIRMED', message: 'Is not a confirmed trainee of this program.' },
        { field: 'body', code: 'IS_ARRAY', message: 'x' },
      ],
      sent,
    );
    expect([...errors]).toEqual([['b', 'Is not a confirmed trainee of this program.']]);
  });
});

describe('mergeRegisters (a Save refused with 412)', () => {
  const marks = (entries: Record<string, AttendanceLine['status']>): Marks => new Map(Object.entries(entries));

  it('keeps yours where you changed a trainee and takes theirs everywhere else, listing only real differences', () => {
    // You loaded a–e; you changed a and b; they changed b, c and d (d to what you have anyway) and added f.
    const loaded = marks({ a: null, b: null, c: 'present', d: null, e: 'late' });
    const mine = marks({ a: 'present', b: 'absent', c: 'present', d: null, e: 'late' });
    const theirs = [
      line('a', null),
      line('b', 'late'),
      line('c', 'excused'),
      line('d', null),
      line('e', 'late'),
      line('f', 'present'),
    ];
    const { merged, conflicts } = mergeRegisters(loaded, mine, theirs);
    expect(Object.fromEntries(merged)).toEqual({
      a: 'present',
      b: 'absent',
      c: 'excused',
      d: null,
      e: 'late',
      f: 'present',
    });
    expect(conflicts).toEqual([
      { traineeId: 'b', loaded: null, mine: 'absent', theirs: 'late', choice: 'mine' },
      { traineeId: 'c', loaded: 'present', mine: 'present', theirs: 'excused', choice: 'theirs' },
      { traineeId: 'f', loaded: null, mine: null, theirs: 'present', choice: 'theirs' },
    ]);
  });

  it('leaves out trainees gone from their register, and lists nothing when they changed what you did alike', () => {
    const loaded = marks({ a: null, gone: 'present' });
    const mine = marks({ a: 'late', gone: 'absent' });
    const { merged, conflicts } = mergeRegisters(loaded, mine, [line('a', 'late')]);
    expect(Object.fromEntries(merged)).toEqual({ a: 'late' });
    expect(conflicts).toEqual([]);
  });

  it('applies the choices: the ones named, and the default for the others', () => {
    const loaded = marks({ a: null, b: 'present' });
    const mine = marks({ a: 'present', b: 'present' });
    const { merged, conflicts } = mergeRegisters(loaded, mine, [line('a', 'absent'), line('b', 'late')]);
    expect(Object.fromEntries(applyChoices(merged, conflicts, new Map()))).toEqual({ a: 'present', b: 'late' });
    expect(Object.fromEntries(applyChoices(merged, conflicts, new Map([['a', 'theirs' as const]])))).toEqual({
      a: 'absent',
      b: 'late',
    });
    expect(
      Object.fromEntries(
        applyChoices(
          merged,
          conflicts,
          new Map([
            ['a', 'mine' as const],
            ['b', 'mine' as const],
          ]),
        ),
      ),
    ).toEqual({ a: 'present', b: 'present' });
  });

  it('rebases the register on theirs with the merge on screen: only your changes are unsaved', () => {
    const register = new AttendanceRegister();
    register.load(sheet(line('a'), line('b', 'present')));
    register.set('a', 'late');
    const theirs = sheet(line('a', 'absent'), line('b', 'excused'));
    const { merged, conflicts } = mergeRegisters(register.savedMarks(), register.currentMarks(), theirs.lines);
    register.rebase(theirs, applyChoices(merged, conflicts, new Map()));
    expect(register.changed()).toEqual(['a']);
    expect(register.marks()).toEqual([
      { traineeId: 'a', status: 'late' },
      { traineeId: 'b', status: 'excused' },
    ]);
  });
});
