/*
 * Material's design tokens, answered with the app's own colours, radii and
 * fonts (no Material theme, no web fonts), and the field's layout. Added to
 * the page by the first date or time input shown (never in the first page's
 * CSS); one string, so the page gets it once. `:root`, because the calendar
 * and the list of times open at the end of <body>.
 */
export const PICKER_STYLES = `
:root {
  --mat-sys-primary: var(--sb-brand);
  --mat-sys-on-primary: var(--sb-on-brand);
  --mat-sys-primary-container: var(--sb-brand-soft);
  --mat-sys-on-primary-container: var(--sb-brand-strong);
  --mat-sys-secondary: var(--sb-brand-strong);
  --mat-sys-secondary-container: var(--sb-brand-soft);
  --mat-sys-on-secondary-container: var(--sb-brand-strong);
  --mat-sys-tertiary-container: var(--sb-brand-soft);
  --mat-sys-surface: var(--sb-surface);
  --mat-sys-surface-container: var(--sb-surface);
  --mat-sys-surface-container-high: var(--sb-surface);
  --mat-sys-on-surface: var(--sb-text);
  --mat-sys-on-surface-variant: var(--sb-text-muted);
  --mat-sys-outline: var(--sb-border);
  --mat-sys-corner-extra-small: var(--sb-radius-sm);
  --mat-sys-corner-medium: var(--sb-radius-sm);
  --mat-sys-corner-large: var(--sb-radius);
  --mat-sys-corner-extra-large: var(--sb-radius);
  --mat-sys-corner-full: 999px;
  --mat-sys-hover-state-layer-opacity: 0.08;
  --mat-sys-focus-state-layer-opacity: 0.12;
  --mat-sys-pressed-state-layer-opacity: 0.12;
  --mat-sys-body-medium-font: var(--sb-font);
  --mat-sys-body-medium-size: 0.95rem;
  --mat-sys-body-large-size: 1rem;
  --mat-sys-body-large-weight: 400;
  --mat-sys-title-small-font: var(--sb-font);
  --mat-sys-title-small-size: 0.95rem;
  --mat-sys-title-small-weight: 600;
  --mat-sys-label-large-font: var(--sb-font);
  --mat-sys-label-large-size: 0.95rem;
  --mat-sys-label-large-weight: 600;
  --mat-datepicker-calendar-container-elevation-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  --mat-datepicker-calendar-container-touch-elevation-shadow: 0 8px 32px rgb(0 0 0 / 0.3);
  --mat-timepicker-container-elevation-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
}
.sb-picker-field {
  display: flex;
  align-items: center;
  gap: 0.25rem;
}
.sb-picker-field > input {
  flex: 1;
  min-width: 0;
}
.sb-picker-field .mat-datepicker-toggle,
.sb-picker-field .mat-timepicker-toggle {
  flex: none;
  color: var(--sb-text-muted);
}
`;
