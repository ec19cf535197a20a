import { inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';

/** A page that holds edits the server does not have yet. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/**
 * Leaving such a page for another page of the app asks first; the page
 * itself answers `beforeunload` for reloads and closing the tab (the browser
 * asks then, in its own words).
 */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (page) =>
  !page?.hasUnsavedChanges() || window.confirm(inject(TranslateService).instant('unsavedChanges.leaveConfirm'));

/** For a page's `(window:beforeunload)` host listener: the browser asks before unsaved edits are lost. */
export function warnBeforeUnload(page: HasUnsavedChanges, event: BeforeUnloadEvent): void {
  if (page.hasUnsavedChanges()) event.preventDefault();
}
