import type { Viewer } from '../../common/auth/viewer';
import { meetingLinkVisibleSql, meetingUrlSql } from './meeting-link.scope';

const viewer = (overrides: Partial<Viewer>): Viewer => ({
  userId: 'u',
  role: 'trainee',
  institutionId: null,
  traineeId: null,
  instructorId: null,
  ...overrides,
});
const program = { programId: 'p.id' };
const session = { programId: 's.program_id', sessionId: 's.id' };

describe('meetingLinkVisibleSql', () => {
  it('is TRUE for admins, with nothing to bind', () => {
    expect(meetingLinkVisibleSql(viewer({ role: 'admin' }), program, ':v')).toEqual({ sql: 'TRUE', param: null });
  });

  it('is FALSE with no viewer (a public page) and for accounts without the record their role needs', () => {
    for (const who of [
      null,
      viewer({ role: 'trainee', institutionId: 'i' }),
      viewer({ role: 'partner' }),
      viewer({ role: 'instructor', institutionId: 'i' }),
    ]) {
      expect(meetingLinkVisibleSql(who, session, ':v')).toEqual({ sql: 'FALSE', param: null });
    }
  });

  it('binds the id the role is judged by, written as the caller’s placeholder', () => {
    const trainee = meetingLinkVisibleSql(viewer({ traineeId: 't', institutionId: 'i' }), program, '$3');
    expect(trainee.param).toBe('t');
    expect(trainee.sql).toContain("mle.status = 'confirmed'");
    expect(trainee.sql).toContain('mle.trainee_id = CAST($3 AS uuid)');
    const partner = meetingLinkVisibleSql(viewer({ role: 'partner', institutionId: 'i' }), program, ':v');
    expect(partner.param).toBe('i');
    expect(partner.sql).toContain('mlt.institution_id = CAST(:v AS uuid)');
    const instructor = viewer({ role: 'instructor', instructorId: 'x' });
    expect(meetingLinkVisibleSql(instructor, session, ':v').sql).toContain('mli.session_id = s.id');
    expect(meetingLinkVisibleSql(instructor, program, ':v').sql).toContain('mls.program_id = p.id');
  });
});

describe('meetingUrlSql', () => {
  it('selects the column for admins, NULL for nobody, and asks the rule only of rows with a link', () => {
    expect(meetingUrlSql(viewer({ role: 'admin' }), 'p.meeting_url', program, ':v').sql).toBe('p.meeting_url');
    expect(meetingUrlSql(null, 'p.meeting_url', program, ':v').sql).toBe('NULL::text');
    expect(meetingUrlSql(viewer({ traineeId: 't' }), 'p.meeting_url', program, ':v').sql).toMatch(
      /^CASE WHEN p\.meeting_url IS NULL THEN NULL WHEN EXISTS .* THEN p\.meeting_url END$/,
    );
  });
});
