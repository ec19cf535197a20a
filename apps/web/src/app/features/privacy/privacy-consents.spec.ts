import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthUser, Locale, MyConsents, PrivacyNotice } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { PrivacyNoticeAdminPage } from '../admin/privacy-notice-admin.page';
import { RegisterPage } from '../auth/register.page';
import { ConsentsSectionComponent } from './consents-section.component';
import { PrivacyNoticePage } from './privacy-notice.page';

const TRAINEE: AuthUser = {
  id: 'u1',
  email: 'napha@e2e.test',
  fullName: 'นภา',
  role: 'trainee',
  institutionId: null,
  traineeId: 't1',
  preferredLocale: 'th',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2026-12-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: false,
  mfaSetupRequired: false,
};

const NOTICE: PrivacyNotice = {
  version: '2026-12',
  publishedAt: '2026-12-07T02:00:00Z',
  text: { en: 'Who we are.\n\nWhat we collect.', th: 'เราคือใคร\n\nข้อมูลที่เราเก็บ' },
  controller: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
  contact: 'dpo@tongren.example',
  recipients: [
    { institutionId: 'p1', name: { en: 'RMUTT' }, country: 'TH' },
    { institutionId: 'p2', name: { en: 'UiTM' }, country: 'MY' },
    { institutionId: 'p3', name: { en: 'KMITL' }, country: 'TH' },
  ],
  retentionYears: 5,
};

const MINE: MyConsents = {
  consents: [
    {
      id: 'c3',
      purpose: 'program-news',
      noticeVersion: '2026-12',
      source: 'registration',
      givenAt: '2026-12-07T03:00:00Z',
      withdrawnAt: null,
      erasureOnWithdrawal: false,
    },
    {
      id: 'c2',
      purpose: 'cross-border-transfer',
      noticeVersion: '2026-12',
      source: 'registration',
      givenAt: '2026-12-07T03:00:00Z',
      withdrawnAt: null,
      erasureOnWithdrawal: true,
    },
    {
      id: 'c1',
      purpose: 'program-administration',
      noticeVersion: '2026-12',
      source: 'registration',
      givenAt: '2026-12-07T03:00:00Z',
      withdrawnAt: null,
      erasureOnWithdrawal: true,
    },
  ],
  logistics: [
    {
      id: 'l1',
      enrolmentId: 'e1',
      programId: 'p1',
      programCode: 'CAMP-27',
      programTitle: { en: 'Summer camp' },
      purpose: 'passport',
      noticeVersion: 'logistics-2026',
      collected: 'self',
      givenAt: '2026-12-07T04:00:00Z',
      withdrawnAt: null,
    },
  ],
};

async function render<T>(component: Type<T>, locale: Locale, signedIn: AuthUser | null) {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  const backend = TestBed.inject(HttpTestingController);
  if (signedIn) {
    const login = TestBed.inject(AuthService).login({ email: signedIn.email, password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush({ accessToken: 't', expiresIn: 900, user: signedIn });
    await login;
  }
  await TestBed.inject(LanguageService).use(locale);
  const fixture = TestBed.createComponent(component);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const one = <E extends HTMLElement = HTMLElement>(id: string) => element.querySelector<E>(`[data-testid="${id}"]`);
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { fixture, backend, element, one, all, text, settle };
}

describe('ConsentsSectionComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the consents in Thai with version and Buddhist-era dates; required ones point to erasure', async () => {
    const { backend, all, text, settle } = await render(ConsentsSectionComponent, 'th', TRAINEE);
    backend.expectOne('/api/v1/me/consents').flush(MINE);
    await settle();

    const rows = all('consent');
    expect(rows.map((r) => r.dataset['purpose'])).toEqual([
      'program-administration',
      'cross-border-transfer',
      'program-news',
    ]);
    expect(text(rows[0])).toContain('การบริหารโครงการ');
    expect(text(rows[0])).toContain('ประกาศฉบับ 2026-12');
    expect(text(rows[0])).toContain('2569'); // 2026 in the Buddhist era
    // Required: no withdraw button, the words about erasure and a link to the erasure section.
    for (const row of rows.slice(0, 2)) {
      expect(row.querySelector('[data-testid="consent-withdraw"]')).toBeNull();
      expect(row.querySelector('[data-testid="consent-erasure-link"]')?.getAttribute('href')).toBe('#erasure');
    }
    expect(rows[2].querySelector('[data-testid="consent-erasure-hint"]')).toBeNull();
    expect(rows[2].querySelector('[data-testid="consent-withdraw"]')).not.toBeNull();
    expect(text(all('logistics-consent')[0])).toContain('CAMP-27');
  });

  it('withdraws the optional consent and offers to give it again', async () => {
    const { backend, one, all, text, settle } = await render(ConsentsSectionComponent, 'en', TRAINEE);
    backend.expectOne('/api/v1/me/consents').flush(MINE);
    await settle();
    one('consent-withdraw')?.click();
    await settle();
    const withdraw = backend.expectOne('/api/v1/me/consents/program-news/withdraw');
    expect(withdraw.request.method).toBe('POST');
    withdraw.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    backend.expectOne('/api/v1/me/consents').flush({
      ...MINE,
      consents: MINE.consents.map((c) => (c.id === 'c3' ? { ...c, withdrawnAt: '2026-12-08T03:00:00Z' } : c)),
    });
    await settle();
    const news = all('consent').find((r) => r.dataset['purpose'] === 'program-news') as HTMLElement;
    expect(news.dataset['inForce']).toBe('false');
    expect(text(news.querySelector('[data-testid="consent-withdrawn"]'))).toContain('withdrawn on');
    expect(text(one('consents-notice'))).toBe('Your consent was withdrawn.');

    (news.querySelector('[data-testid="consent-give"]') as HTMLButtonElement).click();
    await settle();
    backend.expectOne('/api/v1/privacy-notice').flush(NOTICE);
    await settle();
    const give = backend.expectOne('/api/v1/me/consents');
    expect(give.request.method).toBe('POST');
    expect(give.request.body).toEqual({ purpose: 'program-news', noticeVersion: '2026-12' });
    give.flush({ ...MINE.consents[0], id: 'c4', source: 'profile' });
    await settle();
    backend.expectOne('/api/v1/me/consents').flush(MINE);
    await settle();
    expect(text(one('consents-notice'))).toBe('Thank you: your consent is recorded.');
  });

  it('asks before withdrawing a logistics consent, saying the passport data will be deleted', async () => {
    const { backend, one, text, settle, element } = await render(ConsentsSectionComponent, 'en', TRAINEE);
    backend.expectOne('/api/v1/me/consents').flush(MINE);
    await settle();
    const dialog = element.querySelector('dialog') as HTMLDialogElement;
    // jsdom has no modal dialogs: open() is what the component calls.
    dialog.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    dialog.close ??= function (this: HTMLDialogElement) {
      this.open = false;
    };
    one('logistics-consent-withdraw')?.click();
    await settle();
    expect(text(dialog)).toContain('The passport details you gave for CAMP-27 will be deleted at once.');
    (dialog.querySelector('[data-testid="confirm-yes"]') as HTMLButtonElement).click();
    await settle();
    backend
      .expectOne('/api/v1/me/logistics-consents/l1/withdraw')
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    backend.expectOne('/api/v1/me/consents').flush({
      ...MINE,
      logistics: [{ ...MINE.logistics[0], withdrawnAt: '2026-12-08T00:00:00Z' }],
    });
    await settle();
    expect(one('logistics-consent-withdraw')).toBeNull();
    expect(text(one('consents-notice'))).toBe('Your consent was withdrawn and the data it allowed was deleted.');
  });
});

describe('RegisterPage consents', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const fill = (element: HTMLElement, id: string, value: string) => {
    const input = element.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | HTMLSelectElement;
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  };

  it('requires both consents, names the partner countries, and sends them with the notice version', async () => {
    const { backend, element, one, text, settle } = await render(RegisterPage, 'en', null);
    backend.expectOne((r) => r.url === '/api/v1/institutions').flush({ items: [], nextCursor: null });
    backend.expectOne('/api/v1/privacy-notice').flush(NOTICE);
    await settle();
    expect(text(one('consent-transfer-label'))).toContain('in Thailand and Malaysia (required)');
    expect(text(one('register-privacy-link'))).toBe('privacy notice (version 2026-12)');
    expect(one('register-privacy-link')?.getAttribute('href')).toBe('/privacy');

    fill(element, 'full-name', 'Napha Srisuk');
    fill(element, 'email', 'napha@e2e.test');
    fill(element, 'password', 'tea-and-mountains-42');
    fill(element, 'nationality', 'TH');
    one('register-submit')?.click();
    await settle();
    // Nothing sent without the two required consents.
    backend.expectNone('/api/v1/auth/register');
    expect(text(element.querySelector('#reg-consent-administration-error'))).toBeTruthy();
    expect(text(element.querySelector('#reg-consent-transfer-error'))).toBeTruthy();

    one<HTMLInputElement>('consent-administration')?.click();
    one<HTMLInputElement>('consent-transfer')?.click();
    one('register-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/register');
    expect(request.request.body.consents).toEqual([
      { purpose: 'program-administration', noticeVersion: '2026-12' },
      { purpose: 'cross-border-transfer', noticeVersion: '2026-12' },
    ]);
    request.flush(
      { type: '', title: '', detail: '', status: 409, code: 'EMAIL_ALREADY_REGISTERED' },
      {
        status: 409,
        statusText: 'Conflict',
      },
    );
    await settle();
  });

  it('sends the optional consent only when ticked', async () => {
    const { backend, element, one, settle } = await render(RegisterPage, 'th', null);
    backend.expectOne((r) => r.url === '/api/v1/institutions').flush({ items: [], nextCursor: null });
    backend.expectOne('/api/v1/privacy-notice').flush(NOTICE);
    await settle();
    fill(element, 'full-name', 'นภา ศรีสุข');
    fill(element, 'email', 'napha@e2e.test');
    fill(element, 'password', 'tea-and-mountains-42');
    fill(element, 'nationality', 'TH');
    one<HTMLInputElement>('consent-administration')?.click();
    one<HTMLInputElement>('consent-transfer')?.click();
    one<HTMLInputElement>('consent-news')?.click();
    one('register-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/register');
    expect(request.request.body.consents.map((c: { purpose: string }) => c.purpose)).toEqual([
      'program-administration',
      'cross-border-transfer',
      'program-news',
    ]);
    request.flush(
      { type: '', title: '', detail: '', status: 409, code: 'EMAIL_ALREADY_REGISTERED' },
      {
        status: 409,
        statusText: 'Conflict',
      },
    );
    await settle();
  });
});

describe('PrivacyNoticePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the current notice in Thai, the date in the Buddhist era, falling back for the controller', async () => {
    const { backend, one, all, text, settle } = await render(PrivacyNoticePage, 'th', null);
    backend.expectOne('/api/v1/privacy-notice').flush(NOTICE);
    await settle();
    expect(text(one('privacy-notice-version'))).toContain('ฉบับ 2026-12');
    expect(text(one('privacy-notice-version'))).toContain('2569');
    expect(one('privacy-notice-text')?.getAttribute('lang')).toBe('th');
    expect(all('privacy-notice-text')[0].querySelectorAll('p')).toHaveLength(2);
    expect(text(one('privacy-controller'))).toBe('Tongren Polytechnic College');
    expect(text(one('privacy-recipients'))).toContain('RMUTT');
  });
});

describe('PrivacyNoticeAdminPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the versions, prefills the form from the current one and publishes a new version', async () => {
    const ADMIN: AuthUser = { ...TRAINEE, id: 'a1', role: 'admin', traineeId: undefined, email: 'admin@e2e.test' };
    const { backend, element, one, all, text, settle } = await render(PrivacyNoticeAdminPage, 'en', ADMIN);
    backend.expectOne('/api/v1/privacy-notices').flush([NOTICE]);
    await settle();
    expect(all('notice-version').map((li) => li.dataset['version'])).toEqual(['2026-12']);
    expect(one('notice-current')).not.toBeNull();
    expect(one<HTMLInputElement>('notice-contact')?.value).toBe('dpo@tongren.example');

    const version = one<HTMLInputElement>('notice-version-input') as HTMLInputElement;
    version.value = '2027-03';
    version.dispatchEvent(new Event('input'));
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const publish = backend.expectOne('/api/v1/privacy-notices');
    expect(publish.request.method).toBe('POST');
    expect(publish.request.body).toEqual({
      version: '2027-03',
      controller: NOTICE.controller,
      contact: NOTICE.contact,
      text: NOTICE.text,
    });
    publish.flush({ ...NOTICE, version: '2027-03', publishedAt: '2027-03-01T00:00:00Z' });
    await settle();
    expect(all('notice-version').map((li) => li.dataset['version'])).toEqual(['2027-03', '2026-12']);
    expect(text(one('notice-published'))).toBe('Version 2027-03 is published and current.');
  });
});
