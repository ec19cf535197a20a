import { matchPerson, nameKey, normaliseName } from './name-match';

const trainees = [
  { traineeId: 'a', fullName: 'Nguyễn Văn An', fullNameLatin: 'NGUYEN Van An', email: 'an@example.com' },
  {
    traineeId: 'b',
    fullName: '张伟',
    fullNameLatin: 'Zhang Wei',
    email: 'zw@example.com',
    userEmail: 'wei@mail.example',
  },
  { traineeId: 'c', fullName: 'สมชาย ใจดี', fullNameLatin: 'Somchai Jaidee', email: 's1@example.com' },
  { traineeId: 'd', fullName: 'สมชาย ใจดี', fullNameLatin: 'Somchai Jaidee', email: 's2@example.com' },
];

describe('name matching', () => {
  it('compares names without accents, case, extra spaces or word order', () => {
    expect(normaliseName('  Nguyễn   Văn  Đức ')).toBe('nguyen van duc');
    expect(nameKey('An Nguyen Van')).toBe(nameKey('NGUYEN  Van An'));
    expect(nameKey('Nguyễn Văn An')).toBe(nameKey('nguyen van an'));
  });
  it('matches by e-mail first, the trainee’s or their account’s, case-insensitively', () => {
    expect(matchPerson({ name: 'Someone else', email: 'AN@Example.com' }, trainees)).toMatchObject({
      kind: 'email',
      trainee: { traineeId: 'a' },
    });
    expect(matchPerson({ name: 'x', email: 'wei@mail.example' }, trainees)).toMatchObject({
      kind: 'email',
      trainee: { traineeId: 'b' },
    });
  });
  it('matches by name in either script', () => {
    expect(matchPerson({ name: 'An Nguyen Van' }, trainees)).toMatchObject({
      kind: 'name',
      trainee: { traineeId: 'a' },
    });
    expect(matchPerson({ name: '张伟' }, trainees)).toMatchObject({ kind: 'name', trainee: { traineeId: 'b' } });
    expect(matchPerson({ name: 'zhang wei (Guest)' }, trainees)).toMatchObject({
      kind: 'name',
      trainee: { traineeId: 'b' },
    });
    expect(matchPerson({ name: 'Wei Zhang', email: 'other@example.com' }, trainees)).toMatchObject({ kind: 'name' });
  });
  it('is ambiguous when several trainees fit and none when nobody does', () => {
    const outcome = matchPerson({ name: 'somchai jaidee' }, trainees);
    expect(outcome.kind).toBe('ambiguous');
    expect(outcome.kind === 'ambiguous' && outcome.candidates.map((c) => c.traineeId)).toEqual(['c', 'd']);
    expect(matchPerson({ name: 'Visitor' }, trainees)).toEqual({ kind: 'none' });
  });
});
