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
      ['22:00 – 2024年9月4日周三 00:30（GMT+8）', '您当地（中南半岛时间）21:00–23:30'],
    ]);
  });

  it('says the Buddhist year to Thai readers when a session runs past midnight', async () => {
    const { times } = await render('th', [session('s1', '2024-09-03T14:00:00Z', '2024-09-03T16:30:00Z')]);
    expect(times).toEqual([['22:00 - พุธ 4 ก.ย. 2567 00:30 GMT+8', '21:00–23:30 เวลาของคุณ (เวลาอินโดจีน)']]);
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
});
