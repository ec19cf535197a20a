import { enrolAvailability } from './enrol-availability';
import { summarizeDecisions } from './decisions';

describe('enrolAvailability', () => {
  const window = { enrolmentOpensAt: '2025-03-01T01:00:00Z', enrolmentClosesAt: '2025-03-10T10:00:00Z' };
  const published = { status: 'published' as const, ...window };
  const at = (iso: string) => new Date(iso);

  it('is open inside the window of a published program', () => {
    expect(enrolAvailability(published, null, at('2025-03-05T00:00:00Z'))).toBe('open');
    expect(enrolAvailability({ status: 'published' }, null, at('2030-01-01T00:00:00Z'))).toBe('open');
    // A withdrawn trainee may enrol again.
    expect(enrolAvailability(published, 'withdrawn', at('2025-03-05T00:00:00Z'))).toBe('open');
  });

  it('says why it is not open: before, after, unpublished; and "enrolled" comes first', () => {
    expect(enrolAvailability(published, null, at('2025-03-01T00:59:59Z'))).toBe('not-yet-open');
    expect(enrolAvailability(published, null, at('2025-03-01T01:00:00Z'))).toBe('open');
    expect(enrolAvailability(published, null, at('2025-03-10T10:00:00Z'))).toBe('closed');
    expect(enrolAvailability({ ...published, status: 'draft' }, null, at('2025-03-05T00:00:00Z'))).toBe(
      'not-published',
    );
    expect(enrolAvailability({ ...published, status: 'cancelled' }, null, at('2025-03-05T00:00:00Z'))).toBe(
      'not-published',
    );
    expect(enrolAvailability({ ...published, status: 'cancelled' }, 'waitlisted', at('2025-04-01T00:00:00Z'))).toBe(
      'enrolled',
    );
  });
});

describe('summarizeDecisions', () => {
  it('counts where approvals landed', () => {
    expect(summarizeDecisions([{ status: 'confirmed' }, { status: 'waitlisted' }, { status: 'confirmed' }])).toEqual({
      confirmed: 2,
      waitlisted: 1,
      rejected: 0,
      nominated: 0,
    });
  });

  it('counts the nominations a partner’s approval made where the host reviews', () => {
    expect(summarizeDecisions([{ status: 'nominated' }, { status: 'nominated' }, { status: 'confirmed' }])).toEqual({
      confirmed: 1,
      waitlisted: 0,
      rejected: 0,
      nominated: 2,
    });
  });
});
