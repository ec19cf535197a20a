import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LogisticsSettings, LogisticsStatusEntry, Program, Room } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ProgramLogisticsPage } from './program-logistics.page';

const PROGRAM = {
  id: 'p1',
  code: 'TRPC-CAMP-2027',
  title: { en: 'Youth skills camp' },
  timezone: 'Asia/Shanghai',
  startDate: '2027-03-02',
  endDate: '2027-03-08',
} as Program;
const SETTINGS: LogisticsSettings = {
  collect: ['travel', 'accommodation'],
  dueDate: '2027-02-15',
  arrivalPoints: ['TEN'],
};
const PEOPLE: LogisticsStatusEntry[] = [
  {
    enrolmentId: 'e1',
    traineeId: 't1',
    fullName: 'สมศรี มีสุข',
    fullNameLatin: 'Somsri Meesuk',
    complete: true,
    missing: [],
    warnings: [],
    arrivalAt: '2027-03-01T15:30:00Z', // 23:30 in Shanghai
    roomId: 'r1',
  },
  {
    enrolmentId: 'e2',
    traineeId: 't2',
    fullName: 'Anan Jaingam',
    complete: false,
    missing: ['travel'],
    warnings: ['PASSPORT_EXPIRES_SOON'],
    arrivalAt: '2027-03-01T16:30:00Z', // 00:30 on 2 March in Shanghai
  },
];
const ROOMS: Room[] = [
  {
    id: 'r1',
    programId: 'p1',
    name: 'Guest house 201',
    capacity: 2,
    gender: 'any',
    occupants: [{ enrolmentId: 'e1', traineeId: 't1', fullName: 'สมศรี มีสุข' }],
  },
];

async function settle(fixture: { detectChanges(): void; whenStable(): Promise<unknown> }) {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

async function render() {
  TestBed.configureTestingModule({
    imports: [ProgramLogisticsPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ProgramLogisticsPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  await settle(fixture);
  backend.expectOne((r) => r.url === '/api/v1/institutions').flush({ items: [], nextCursor: null });
  backend.expectOne('/api/v1/programs/p1/logistics-settings').flush(SETTINGS);
  await settle(fixture);
  backend
    .expectOne((r) => r.url === '/api/v1/programs/p1/logistics' && r.params.get('limit') === '200')
    .flush({
      items: PEOPLE,
      nextCursor: null,
    });
  backend.expectOne('/api/v1/programs/p1/rooms').flush(ROOMS);
  await settle(fixture);
  await new Promise((resolve) => setTimeout(resolve, 250));
  for (const request of backend.match((r) => r.url === '/api/v1/programs/p1/logistics')) {
    request.flush({ items: PEOPLE, nextCursor: null });
  }
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { fixture, backend, all, one };
}

describe('ProgramLogisticsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('counts who is complete, lists everyone with what is missing, and links each to their details', async () => {
    const { one, all } = await render();
    expect(one('logistics-counts')?.textContent).toContain('1 of 2 trainees have given everything.');
    const rows = all('logistics-status-row');
    expect(rows.map((r) => r.dataset['complete'])).toEqual(['true', 'false']);
    expect(rows[1].textContent?.replace(/\s+/g, ' ')).toContain('Missing: Travel');
    expect(rows[1].textContent).toContain('The passport expires within six months');
    expect(rows[0].textContent).toContain('Guest house 201');
    expect(all('logistics-status-open')[1].getAttribute('href')).toBe('/admin/enrolments/e2/logistics');
  });

  it('draws arrivals per day of the program zone, with the same numbers as a table', async () => {
    const { one, all, fixture } = await render();
    expect(all('arrivals-day').map((d) => [d.dataset['date'], d.textContent?.replace(/\s+/g, ' ').trim()])).toEqual([
      ['2027-03-01', 'Mar 1, 2027 1 arriving'],
      ['2027-03-02', 'Mar 2, 2027 1 arriving'],
    ]);
    one('arrivals-toggle')?.click();
    fixture.detectChanges();
    expect(one('arrivals-table')?.querySelectorAll('tbody tr').length).toBe(2);
  });

  it('saves the settings: the items ticked, the due date and one arrival point a line', async () => {
    const { one, backend, fixture } = await render();
    (one('logistics-collect-passport') as HTMLInputElement).click();
    const points = one('logistics-points') as HTMLTextAreaElement;
    points.value = 'Tongren Fenghuang Airport (TEN)\n\n Tongren South Station \nTongren Fenghuang Airport (TEN)';
    points.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
    one('logistics-settings-save')?.click();
    const request = backend.expectOne((r) => r.method === 'PUT');
    expect(request.request.url).toBe('/api/v1/programs/p1/logistics-settings');
    expect(request.request.body).toEqual({
      collect: ['travel', 'passport', 'accommodation'],
      dueDate: '2027-02-15',
      arrivalPoints: ['Tongren Fenghuang Airport (TEN)', 'Tongren South Station'],
    });
    request.flush({ ...request.request.body });
    await settle(fixture);
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
    // The page loads people and rooms again for what is now collected.
    backend
      .expectOne((r) => r.url === '/api/v1/programs/p1/logistics' && r.params.get('limit') === '200')
      .flush({
        items: PEOPLE,
        nextCursor: null,
      });
    backend.expectOne('/api/v1/programs/p1/rooms').flush(ROOMS);
    await settle(fixture);
    for (const r of backend.match((r) => r.url === '/api/v1/programs/p1/logistics'))
      r.flush({ items: PEOPLE, nextCursor: null });
  });
});
