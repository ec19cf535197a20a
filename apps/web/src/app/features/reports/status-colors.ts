import type { EnrolmentStatus } from '@skillbridge/contracts';

/** The meanings a chart colour can have; each is a CSS variable `--sb-status-<tone>` in src/status-colors.css. */
export const TONES = ['success', 'success-alt', 'warning', 'neutral', 'muted', 'danger', 'info'] as const;
export type Tone = (typeof TONES)[number];

/**
 * Each enrolment status in the colour of what it means: done well green,
 * waiting amber, failed or refused red, out of the count grey.
 */
export const ENROLMENT_STATUS_TONES: Readonly<Record<EnrolmentStatus, Tone>> = {
  completed: 'success',
  confirmed: 'success-alt',
  pending: 'warning',
  nominated: 'info',
  waitlisted: 'neutral',
  withdrawn: 'muted',
  cancelled: 'muted',
  rejected: 'danger',
  'not-completed': 'danger',
};

/** Certificates: valid ones green, revoked ones red. */
export const CERTIFICATE_STATUS_TONES = { issued: 'success', revoked: 'danger' } as const satisfies Record<
  string,
  Tone
>;

/** The colour of a tone, as a chart series carries it: the CSS variable, resolved when drawn. */
export function toneColor(tone: Tone): string {
  return `var(--sb-status-${tone})`;
}

/** Used when a variable is missing (it never should be: the spec checks the stylesheet). */
const FALLBACK = '#0b6e8a';

/**
 * A series colour as the canvas needs it: `var(--sb-status-success)` becomes
 * the variable's value in the page's styles; any other colour stays as it is.
 */
export function resolveColor(color: string, style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!variable) return color;
  return style.getPropertyValue(variable).trim() || FALLBACK;
}
