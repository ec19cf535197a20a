import type { Viewer } from './viewer';
import { canSee, defineScope, visibleOr404 } from './record-scope';

interface Row {
  id: string;
  institutionId: string | null;
}

const scope = defineScope<Row>({
  admin: 'all',
  partner: { column: 'institutionId', sqlColumn: 'institution_id', equals: (v) => v.institutionId },
  trainee: { column: 'id', sqlColumn: 'id', equals: (v) => v.traineeId },
  instructor: 'none',
});

const viewer = (role: Viewer['role'], extra: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  role,
  institutionId: null,
  traineeId: null,
  instructorId: null,
  ...extra,
});

describe('record scopes', () => {
  const row: Row = { id: 't1', institutionId: 'rmutt' };

  it('lets each role see exactly what its rule says', () => {
    expect(canSee(scope, viewer('admin'), row)).toBe(true);
    expect(canSee(scope, viewer('partner', { institutionId: 'rmutt' }), row)).toBe(true);
    expect(canSee(scope, viewer('partner', { institutionId: 'sut' }), row)).toBe(false);
    expect(canSee(scope, viewer('trainee', { traineeId: 't1' }), row)).toBe(true);
    expect(canSee(scope, viewer('trainee', { traineeId: 't2' }), row)).toBe(false);
    expect(canSee(scope, viewer('instructor'), row)).toBe(false);
  });

  it('never matches a missing viewer attribute to a missing record attribute', () => {
    expect(canSee(scope, viewer('partner'), { id: 't3', institutionId: null })).toBe(false);
  });

  it('answers 404, not 403, for a record the viewer may not see', () => {
    expect(() => visibleOr404(scope, viewer('partner', { institutionId: 'sut' }), row)).toThrow(
      expect.objectContaining({ status: 404, code: 'NOT_FOUND' }),
    );
    expect(visibleOr404(scope, viewer('admin'), row)).toBe(row);
  });
});
