import type { Enrolment } from '@skillbridge/contracts';

export interface DecisionSummary {
  confirmed: number;
  waitlisted: number;
  rejected: number;
  /** Approved by a partner on a program whose host reviews each person: awaiting the host. */
  nominated: number;
}

/**
 * What a decision did: approvals land as confirmed, or wait-listed when the program is full, or — a partner's
 * approval where the host reviews each person — nominated.
 */
export function summarizeDecisions(items: readonly Pick<Enrolment, 'status'>[]): DecisionSummary {
  return {
    confirmed: items.filter((item) => item.status === 'confirmed').length,
    waitlisted: items.filter((item) => item.status === 'waitlisted').length,
    rejected: items.filter((item) => item.status === 'rejected').length,
    nominated: items.filter((item) => item.status === 'nominated').length,
  };
}
