import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MailboxEntry, MailboxMessage, MailTransport } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { MailboxPage } from './mailbox.page';

const entry: MailboxEntry = {
  id: 'm1',
  notificationId: 'n1',
  kind: 'enrolment-confirmed',
  to: 'somchai@rmutt.test',
  subject: 'ยืนยันที่นั่งของคุณแล้ว: TRPC-TH-2025',
  locale: 'th',
  createdAt: '2025-03-01T02:00:00Z',
};
const message: MailboxMessage = {
  ...entry,
  text: 'เรียน สมชาย\nยินดีต้อนรับ',
  html: '<p>เรียน สมชาย</p><script>parent.document.title = "owned"</script>',
  raw:
    'From: Skillbridge <no-reply@skillbridge.local>\r\nTo: somchai@rmutt.test\r\n' +
    'Subject: =?UTF-8?B?4Lii4Li34LiZ4Lii4Lix4LiZ?=\r\nAuto-Submitted: auto-generated\r\n\r\n...',
};

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(transport: MailTransport) {
  TestBed.configureTestingModule({
    imports: [MailboxPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MailboxPage);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/mailbox').flush({ items: [entry], nextCursor: null, transport });
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { fixture, backend, one };
}

describe('MailboxPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the kept e-mail and shows a chosen one as text and as sandboxed HTML', async () => {
    const { fixture, backend, one } = await render('mailbox');
    expect(one('mailbox-smtp-note')).toBeNull();
    expect(one('mailbox-row')?.textContent).toContain('Place confirmed');
    expect(one('mailbox-row')?.textContent).toContain('ไทย');

    one('mailbox-open')?.click();
    backend.expectOne('/api/v1/mailbox/m1').flush(message);
    await settle(fixture);
    expect(one('mailbox-subject')?.textContent?.trim()).toBe(message.subject);
    expect(one('mailbox-message-to')?.textContent?.trim()).toBe('somchai@rmutt.test');
    expect(one('mailbox-text')?.tagName).toBe('PRE');
    expect(one('mailbox-text')?.textContent).toBe(message.text);
    const frame = one('mailbox-html') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(message.html);
    // The raw message, behind a disclosure, as it is: headers for checking what went out.
    expect(one('mailbox-raw-details')?.tagName).toBe('DETAILS');
    expect(one('mailbox-raw-details')?.querySelector('summary')?.textContent).toContain('Raw message');
    expect(one('mailbox-raw')?.textContent).toBe(message.raw);
    expect(one('mailbox-raw-missing')).toBeNull();
  });

  it('says so when a message was kept before raw messages were', async () => {
    const { fixture, backend, one } = await render('mailbox');
    one('mailbox-open')?.click();
    backend.expectOne('/api/v1/mailbox/m1').flush({ ...message, raw: null });
    await settle(fixture);
    expect(one('mailbox-text')?.textContent).toBe(message.text);
    expect(one('mailbox-raw')).toBeNull();
    expect(one('mailbox-raw-missing')?.textContent).toContain('before raw messages were');
  });

  it('says so when e-mail goes to an SMTP server', async () => {
    const { one } = await render('smtp');
    expect(one('mailbox-smtp-note')?.textContent).toContain('SMTP server');
  });

  it('filters by recipient, once typing pauses', async () => {
    const { backend, one } = await render('mailbox');
    jest.useFakeTimers();
    try {
      const input = one('mailbox-to') as HTMLInputElement;
      input.value = ' anan@ ';
      input.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(299);
      backend.expectNone((r) => r.url === '/api/v1/mailbox');
      jest.advanceTimersByTime(1);
      const request = backend.expectOne((r) => r.url === '/api/v1/mailbox');
      expect(request.request.params.get('to')).toBe('anan@');
      request.flush({ items: [], nextCursor: null, transport: 'mailbox' });
    } finally {
      jest.useRealTimers();
    }
  });
});
