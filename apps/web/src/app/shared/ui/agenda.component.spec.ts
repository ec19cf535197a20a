import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Locale, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from '../time/viewer-zone';
import { AgendaComponent } from './agenda.component';

const session = (id: string, startsAt: string, endsAt: string): Session => ({
  id,
  programId: 'p1',
  title: { en: 'Live-stream selling', zh: '直播带货' },
  type: 'workshop',
  startsAt,
  endsAt,
  instructorIds: [],
  instructors: [],
});

async function render(locale: Locale, sessions: Session[]) {
  TestBed.configureTestingModule({
    imports: [AgendaComponent],
    providers: [provideTestTranslations(), { provide: ViewerZone, useValue: { zone: signal('Asia/Bangkok') } }],
  });
  await TestBed.inject(LanguageService).use(locale);
  const fixture = TestBed.createComponent(AgendaComponent);
  fixture.componentRef.setInput('sessions', sessions);
  fixture.componentRef.setInput('timezone', 'Asia/Shanghai');
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return {
    days: [...element.querySelectorAll('h3')].map((h) => h.textContent?.trim()),
    taughtBy: [...element.querySelectorAll('p.muted')].map((p) => p.textContent?.trim()),
    times: [...element.querySelectorAll('[data-testid="session-time"]')].map((el) =>
      [...el.querySelectorAll('span')].map((span) => span.textContent?.trim()),
    ),
  };
}

describe('AgendaComponent', () => {
  it('gives Chinese readers the zone after the span, in brackets, and their own time under it', async () => {
    const { days, times } = await render('zh', [
      session('s1', '2024-09-03T01:00:00Z', '2024-09-03T03:30:00Z'),
      session('s2', '2024-09-03T14:00:00Z', '2024-09-03T16:30:00Z'),
    ]);
    expect(days).toEqual(['2024年9月3日星期二']);
    expect(times).toEqual([
      ['09:00–11:30（GMT+8）', '您当地（中南半岛时间）08:00–10:30'],
      // Past midnight in the program's zone: both days.
      [
        '2024年9月3日周二 22:00 – 2024年9月4日周三 00:30（GMT+8）',
        '您当地（中南半岛时间）2024年9月3日周二 21:00–23:30',
      ],
    ]);
  });

  it('names both days, in the Buddhist era for Thai readers, when a session runs past midnight', async () => {
    const { times } = await render('th', [session('s1', '2024-09-03T14:00:00Z', '2024-09-03T16:30:00Z')]);
    expect(times).toEqual([
      ['อังคาร 3 ก.ย. 2567 22:00 - พุธ 4 ก.ย. 2567 00:30 GMT+8', 'อังคาร 3 ก.ย. 2567 21:00–23:30 เวลาของคุณ (เวลาอินโดจีน)'],
    ]);
  });

  it("adds the Latin spelling of instructors' names for readers who do not read Chinese, not for Chinese readers", async () => {
    const taught: Session = {
      ...session('s1', '2024-09-03T01:00:00Z', '2024-09-03T03:30:00Z'),
      instructors: [
        { id: 'i1', fullName: '王芳', fullNameLatin: 'Wang Fang' },
        { id: 'i2', fullName: 'Somchai Dee' },
      ],
    };
    const en = await render('en', [taught]);
    expect(en.taughtBy.join(' ')).toContain('王芳 (Wang Fang), Somchai Dee');
    TestBed.resetTestingModule();
    const zh = await render('zh', [taught]);
    expect(zh.taughtBy.join(' ')).toContain('王芳, Somchai Dee');
    expect(zh.taughtBy.join(' ')).not.toContain('Wang Fang');
  });

  it('strikes a cancelled session through, beside the word and its reason, and offers no edit or cancel', async () => {
    TestBed.configureTestingModule({
      imports: [AgendaComponent],
      providers: [provideTestTranslations(), { provide: ViewerZone, useValue: { zone: signal('Asia/Shanghai') } }],
    });
    await TestBed.inject(LanguageService).use('en');
    const fixture = TestBed.createComponent(AgendaComponent);
    fixture.componentRef.setInput('sessions', [
      {
        ...session('s1', '2024-09-03T01:00:00Z', '2024-09-03T03:30:00Z'),
        status: 'cancelled',
        cancelledReason: 'Typhoon warning',
      },
      { ...session('s2', '2024-09-03T06:00:00Z', '2024-09-03T08:00:00Z'), status: 'scheduled' },
    ] satisfies Session[]);
    fixture.componentRef.setInput('timezone', 'Asia/Shanghai');
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    const [cancelled, scheduled] = [...(fixture.nativeElement as HTMLElement).querySelectorAll('li')];
    const struck = (item: Element, id: string) =>
      item.querySelector(`[data-testid="${id}"]`)?.classList.contains('session-struck');
    expect(struck(cancelled, 'session-title')).toBe(true);
    expect(struck(cancelled, 'session-time')).toBe(true);
    expect(cancelled.querySelector('[data-testid="session-cancelled"]')?.textContent?.trim()).toBe('Cancelled');
    expect(cancelled.querySelector('[data-testid="session-cancelled-reason"]')?.textContent?.trim()).toBe(
      'Cancelled: Typhoon warning',
    );
    expect(cancelled.querySelector('[data-testid="edit-session"]')).toBeNull();
    expect(cancelled.querySelector('[data-testid="cancel-session"]')).toBeNull();
    expect(cancelled.querySelector('[data-testid="delete-session"]')).not.toBeNull();

    expect(struck(scheduled, 'session-title')).toBe(false);
    expect(struck(scheduled, 'session-time')).toBe(false);
    expect(scheduled.querySelector('[data-testid="session-cancelled"]')).toBeNull();
    expect(scheduled.querySelector('[data-testid="cancel-session"]')?.textContent?.trim()).toBe('Cancel session');
  });
});
