import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { type HasUnsavedChanges, unsavedChangesGuard, warnBeforeUnload } from './unsaved-changes.guard';

@Component({ selector: 'sb-editing-page', template: 'editing', changeDetection: ChangeDetectionStrategy.OnPush })
class EditingPage implements HasUnsavedChanges {
  readonly dirty = signal(false);
  hasUnsavedChanges(): boolean {
    return this.dirty();
  }
}

@Component({ selector: 'sb-other-page', template: 'other', changeDetection: ChangeDetectionStrategy.OnPush })
class OtherPage {}

describe('unsavedChangesGuard', () => {
  let confirmSpy: jest.SpyInstance<boolean, [message?: string]>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'edit', component: EditingPage, canDeactivate: [unsavedChangesGuard] },
          { path: 'other', component: OtherPage },
        ]),
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).use('th');
    confirmSpy = jest.spyOn(window, 'confirm');
  });
  afterEach(() => confirmSpy.mockRestore());

  it('lets the page go without asking when nothing is unsaved', async () => {
    const page = new EditingPage();
    const allowed = TestBed.runInInjectionContext(() =>
      unsavedChangesGuard(page, null as never, null as never, null as never),
    );
    expect(allowed).toBe(true);
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('asks in the viewer’s language when edits are unsaved, and stays when the answer is no', async () => {
    const page = new EditingPage();
    page.dirty.set(true);
    confirmSpy.mockReturnValue(false);
    const stay = TestBed.runInInjectionContext(() =>
      unsavedChangesGuard(page, null as never, null as never, null as never),
    );
    expect(stay).toBe(false);
    expect(confirmSpy).toHaveBeenCalledWith('หน้านี้มีการเปลี่ยนแปลงที่ยังไม่ได้บันทึก ต้องการออกจากหน้านี้และทิ้งการเปลี่ยนแปลงหรือไม่');
    confirmSpy.mockReturnValue(true);
    const leave = TestBed.runInInjectionContext(() =>
      unsavedChangesGuard(page, null as never, null as never, null as never),
    );
    expect(leave).toBe(true);
  });

  it('keeps the router on the page when the person chooses to stay', async () => {
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/edit', EditingPage);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl('/other');
    expect(router.url).toBe('/other');
    expect(confirmSpy).not.toHaveBeenCalled();

    const again = await harness.navigateByUrl('/edit', EditingPage);
    expect(again).not.toBe(page);
    again.dirty.set(true);
    confirmSpy.mockReturnValue(false);
    await harness.navigateByUrl('/other');
    expect(router.url).toBe('/edit');
    confirmSpy.mockReturnValue(true);
    await harness.navigateByUrl('/other');
    expect(router.url).toBe('/other');
    expect(confirmSpy).toHaveBeenCalledTimes(2);
  });

  it('asks the browser to confirm a reload or close only with unsaved edits', () => {
    const page = new EditingPage();
    const clean = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
    warnBeforeUnload(page, clean);
    expect(clean.defaultPrevented).toBe(false);
    page.dirty.set(true);
    const dirty = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
    warnBeforeUnload(page, dirty);
    expect(dirty.defaultPrevented).toBe(true);
  });
});
