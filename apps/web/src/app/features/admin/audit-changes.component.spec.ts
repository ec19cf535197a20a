import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AUDIT_ACTIONS, auditChangesOf, type AuditChange, type Locale } from '@skillbridge/contracts';
import en from '../../../../public/i18n/en.json';
import ms from '../../../../public/i18n/ms.json';
import th from '../../../../public/i18n/th.json';
import zh from '../../../../public/i18n/zh.json';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { AuditChangesComponent } from './audit-changes.component';

async function render(changes: AuditChange[], entityType: string, locale: Locale) {
  TestBed.configureTestingModule({
    imports: [AuditChangesComponent],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  TestBed.overrideProvider(ViewerZone, { useValue: { zone: () => 'Asia/Bangkok' } });
  await TestBed.inject(LanguageService).use(locale);
  const fixture = TestBed.createComponent(AuditChangesComponent);
  fixture.componentRef.setInput('changes', changes);
  fixture.componentRef.setInput('entityType', entityType);
  fixture.detectChanges();
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const rows = [...element.querySelectorAll<HTMLElement>('[data-testid="audit-change"]')].map((row) => ({
    field: row.dataset['field'],
    label: row.querySelector('dt')?.textContent?.trim(),
    before: row.querySelector('[data-testid="audit-change-before"]')?.textContent?.trim() ?? null,
    after: row.querySelector('[data-testid="audit-change-after"]')?.textContent?.trim(),
  }));
  return { rows, element };
}

describe('AuditChangesComponent', () => {
  it('shows a language switch as before → after with the field and the languages named, in the viewer language', async () => {
    const changes = auditChangesOf({ preferredLocale: { from: 'en', to: 'zh' } });
    expect((await render(changes, 'user', 'en')).rows).toEqual([
      { field: 'preferredLocale', label: 'Language', before: 'English', after: '中文' },
    ]);
    TestBed.resetTestingModule();
    expect((await render(changes, 'user', 'th')).rows).toEqual([
      { field: 'preferredLocale', label: 'ภาษา', before: 'English', after: '中文' },
    ]);
  });

  it('puts a status change in the words of the record type, and leaves out what was not recorded before', async () => {
    const changes = auditChangesOf({ programId: 'p-1', from: 'pending', to: 'confirmed', reason: 'Seats free' });
    const { rows } = await render(changes, 'enrolment', 'zh');
    expect(rows).toEqual([
      { field: 'status', label: '状态', before: '待审核', after: '已确认' },
      { field: 'programId', label: '项目', before: null, after: 'p-1' },
      { field: 'reason', label: '原因', before: null, after: 'Seats free' },
    ]);
  });

  it('formats localized text, yes/no, numbers, instants in the viewer zone, lists and unknown fields', async () => {
    const changes: AuditChange[] = [
      { field: 'name', before: { en: 'Old college' }, after: { en: 'New college', ms: 'Kolej baharu' } },
      { field: 'disabled', before: false, after: true },
      { field: 'capacity', before: 1200, after: 40 },
      { field: 'startsAt', after: '2027-01-03T02:00:00.000Z' },
      { field: 'languages', after: ['zh', 'th'] },
      { field: 'venue', before: null, after: 'Hall A' },
      { field: 'country', before: 'TH', after: 'MY' },
    ];
    const region = new Intl.DisplayNames(['ms'], { type: 'region' });
    const { rows, element } = await render(changes, 'institution', 'ms');
    expect(rows).toEqual([
      { field: 'name', label: 'Nama', before: 'Old college', after: 'Kolej baharu' },
      { field: 'disabled', label: 'Dinyahdayakan', before: 'Tidak', after: 'Ya' },
      { field: 'capacity', label: 'Kapasiti', before: '1,200', after: '40' },
      { field: 'startsAt', label: 'Bermula', before: null, after: expect.stringContaining('09:00') },
      { field: 'languages', label: 'languages', before: null, after: 'zh, th' },
      { field: 'venue', label: 'Tempat', before: '—', after: 'Hall A' },
      { field: 'country', label: 'Negara', before: region.of('TH'), after: region.of('MY') },
    ]);
    expect(rows[6].before).not.toBe('TH');
    expect(rows[3].after).toContain('2027');
    expect(element.textContent).not.toContain('{');
  });

  it('names a record given by id by the label the API read, and shows the id when there is none', async () => {
    const changes: AuditChange[] = [
      { field: 'institutionId', before: 'i-1', after: 'i-2', beforeLabel: 'RMUTT', afterLabel: 'SUT' },
      { field: 'programId', after: 'p-gone' },
    ];
    expect((await render(changes, 'user', 'en')).rows).toEqual([
      { field: 'institutionId', label: 'Institution', before: 'RMUTT', after: 'SUT' },
      { field: 'programId', label: 'Program', before: null, after: 'p-gone' },
    ]);
  });

  it('shows nothing for an event that changed nothing', async () => {
    const { element } = await render([], 'user', 'en');
    expect(element.querySelector('[data-testid="audit-changes"]')).toBeNull();
  });
});

describe('audit action words', () => {
  it('exist for every action the API can record, in all four languages', () => {
    const catalogs = { en, zh, th, ms } as Record<
      string,
      { audit: { actions: Record<string, Record<string, string>> } }
    >;
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const action of Object.keys(AUDIT_ACTIONS)) {
        const [entity, verb] = action.split('.');
        expect({ locale, action, word: catalog.audit.actions[entity]?.[verb] }).toEqual({
          locale,
          action,
          word: expect.stringMatching(/\S/),
        });
      }
    }
  });
});
