import { AUDIT_ACTIONS, auditActionsOf, auditCategoryOf, auditChangesOf } from './audit';

describe('audit categories', () => {
  it('puts sign-in and security under access, own preferences under profile, the rest under data', () => {
    expect(auditCategoryOf('auth.login')).toBe('access');
    expect(auditCategoryOf('user.mfa_enable')).toBe('access');
    expect(auditCategoryOf('user.profile_update')).toBe('profile');
    expect(auditCategoryOf('user.update', { self: true, preferredLocale: { from: 'en', to: 'zh' } })).toBe('profile');
    expect(auditCategoryOf('user.update', { role: { from: 'partner', to: 'admin' } })).toBe('data');
    expect(auditCategoryOf('something.new')).toBe('data');
  });

  it('splits the action list by category without losing any', () => {
    const all = [...auditActionsOf('data'), ...auditActionsOf('access'), ...auditActionsOf('profile')];
    expect(all.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
  });
});

describe('auditChangesOf', () => {
  it('reads { from, to } pairs, a top-level status change and plain new values; leaves out how it came about', () => {
    expect(
      auditChangesOf({
        from: 'pending',
        to: 'confirmed',
        reason: 'Seats free',
        email: { from: 'a@x.test', to: 'b@x.test' },
        self: true,
        subject: 'a@x.test',
      }),
    ).toEqual([
      { field: 'status', before: 'pending', after: 'confirmed' },
      { field: 'reason', after: 'Seats free' },
      { field: 'email', before: 'a@x.test', after: 'b@x.test' },
    ]);
  });

  it('keeps an object value that only looks like a pair as a value', () => {
    expect(auditChangesOf({ name: { en: 'A', zh: '甲' } })).toEqual([{ field: 'name', after: { en: 'A', zh: '甲' } }]);
  });
});
